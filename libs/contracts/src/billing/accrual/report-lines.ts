import { dayFromDate, firstDayOfMonth, formatMonth, lastDayOfMonth, monthOfDay, type Day, type YearMonth } from './calendar';
import { accrueSubscription, allocateCents, roundHalfUp, splitSubscriptionByHolder, type DayWindow } from './accrual';
import type { AccrualSubscription } from './subscription-timeline';

export type Grouping = 'service' | 'user';

/** What billing knows of one organization, enough to compute its charges. */
export interface BillableOrganization {
  /** `YYYY-MM-DD`; nothing before it is charged in a report. Null while unknown. */
  billingStartDate: string | null;
  subscriptions: readonly AccrualSubscription[];
}

export interface ReportPeriod {
  from: YearMonth;
  to: YearMonth;
  /** Today (UTC): its month is the current month, billed in advance to its end; later months are not billed. */
  today: Day;
}

export interface ReportWindow {
  /** First day of `from`, or the billing start date when later. */
  effectiveFrom: Day;
  /** Last day of `to`, or of the current month when `to` is later. */
  effectiveTo: Day;
}

export interface LineDraft {
  month: string;
  productId: string;
  productName: string;
  /** Only when grouped by user; null: the unassigned seats. */
  userId?: string | null;
  quantity: number;
  cents: bigint;
}

export interface ReportDraft extends ReportWindow {
  lines: LineDraft[];
  totalCents: bigint;
}

export function reportWindow(billingStartDate: string | null, period: ReportPeriod): ReportWindow {
  const start = billingStartDate === null ? Number.NEGATIVE_INFINITY : dayFromDate(billingStartDate);
  return {
    effectiveFrom: Math.max(firstDayOfMonth(period.from), start),
    effectiveTo: Math.min(lastDayOfMonth(period.to), lastDayOfMonth(monthOfDay(period.today))),
  };
}

function chargedWindow(window: ReportWindow): DayWindow {
  return { from: window.effectiveFrom, to: window.effectiveTo };
}

interface ProductMonth {
  month: YearMonth;
  productId: string;
  denominator: bigint;
  sell: bigint;
  cost: bigint;
  quantity: number;
}

/** The name shown for a product: that of its subscription changed last. */
function productNames(subscriptions: readonly AccrualSubscription[]): Map<string, string> {
  const latest = new Map<string, { name: string; at: number }>();
  for (const s of subscriptions) {
    const at = Math.max(...s.changes.map((c) => Date.parse(c.at)), Number.NEGATIVE_INFINITY);
    const known = latest.get(s.productId);
    if (!known || at >= known.at) latest.set(s.productId, { name: s.productName, at });
  }
  return new Map([...latest].map(([id, { name }]) => [id, name]));
}

const monthKey = (month: YearMonth, productId: string) => `${formatMonth(month)}|${productId}`;

/** Sums the subscriptions of each product per month (numerators share the month's denominator). */
function productMonths(subscriptions: readonly AccrualSubscription[], window: DayWindow): Map<string, ProductMonth> {
  const lines = new Map<string, ProductMonth>();
  for (const subscription of subscriptions) {
    for (const charge of accrueSubscription(subscription, window)) {
      const key = monthKey(charge.month, subscription.productId);
      const line = lines.get(key) ?? { month: charge.month, productId: subscription.productId, denominator: charge.denominator, sell: 0n, cost: 0n, quantity: 0 };
      line.sell += charge.sell;
      line.cost += charge.cost;
      line.quantity += charge.maxQuantity;
      lines.set(key, line);
    }
  }
  return lines;
}

function compareLines(a: LineDraft, b: LineDraft): number {
  if (a.month !== b.month) return a.month < b.month ? -1 : 1;
  if (a.productName !== b.productName) return a.productName < b.productName ? -1 : 1;
  if (a.productId !== b.productId) return a.productId < b.productId ? -1 : 1;
  const ua = a.userId ?? null;
  const ub = b.userId ?? null;
  if (ua === ub) return 0;
  if (ua === null) return 1;
  if (ub === null) return -1;
  return ua < ub ? -1 : 1;
}

/**
 * The cost breakdown: grouped by service, one line per month and product (rounded half-up once); grouped by user,
 * each such line split per seat over its holders and the unassigned seats, so both groupings give the same total.
 */
export function buildReport(organization: BillableOrganization, period: ReportPeriod, groupBy: Grouping): ReportDraft {
  const window = reportWindow(organization.billingStartDate, period);
  const charged = chargedWindow(window);
  const names = productNames(organization.subscriptions);
  const byProduct = productMonths(organization.subscriptions, charged);
  const lines: LineDraft[] = [];
  if (groupBy === 'service') {
    for (const line of byProduct.values()) {
      lines.push({ month: formatMonth(line.month), productId: line.productId, productName: names.get(line.productId) ?? '', quantity: line.quantity, cents: roundHalfUp(line.sell, line.denominator) });
    }
  } else {
    const shares = new Map<string, { month: YearMonth; productId: string; denominator: bigint; holders: Map<string | null, { numerator: bigint; seats: number }> }>();
    for (const subscription of organization.subscriptions) {
      for (const split of splitSubscriptionByHolder(subscription, charged)) {
        const key = monthKey(split.month, subscription.productId);
        const entry = shares.get(key) ?? { month: split.month, productId: subscription.productId, denominator: split.denominator, holders: new Map() };
        for (const share of split.shares) {
          const holder = entry.holders.get(share.userId) ?? { numerator: 0n, seats: 0 };
          holder.numerator += share.numerator;
          holder.seats += share.maxSeats;
          entry.holders.set(share.userId, holder);
        }
        shares.set(key, entry);
      }
    }
    for (const entry of shares.values()) {
      const holders = [...entry.holders.entries()].sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
      const amounts = allocateCents(holders.map(([, h]) => h.numerator), entry.denominator);
      holders.forEach(([userId, holder], i) => {
        lines.push({ month: formatMonth(entry.month), productId: entry.productId, productName: names.get(entry.productId) ?? '', userId, quantity: holder.seats, cents: amounts[i]! });
      });
    }
  }
  lines.sort(compareLines);
  return { ...window, lines, totalCents: lines.reduce((sum, line) => sum + line.cents, 0n) };
}

export interface MonthTotals {
  revenueCents: bigint;
  costCents: bigint;
}

/**
 * One organization's month for the reseller summary: revenue at sell prices and cost at cost prices, each the sum
 * of the month's product lines rounded half-up once (revenue is the organization's own report total for the month).
 */
export function monthTotals(organization: BillableOrganization, month: YearMonth, today: Day): MonthTotals {
  const charged = chargedWindow(reportWindow(organization.billingStartDate, { from: month, to: month, today }));
  let revenueCents = 0n;
  let costCents = 0n;
  for (const line of productMonths(organization.subscriptions, charged).values()) {
    revenueCents += roundHalfUp(line.sell, line.denominator);
    costCents += roundHalfUp(line.cost, line.denominator);
  }
  return { revenueCents, costCents };
}
