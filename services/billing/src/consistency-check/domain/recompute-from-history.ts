import { currencyExponent } from '@broker/contracts';

/**
 * An independent second reading of the billing rules, for the consistency check: it walks an organization's
 * recorded facts day by day (no segments, no shared accrual code) and adds each day's charge as an exact fraction,
 * then rounds each month-and-product line half-up once. Slow and plain on purpose.
 */

export interface HistoryEvent {
  type: string;
  data: Record<string, unknown>;
}

export interface HistoryMonth {
  revenueCents: bigint;
  costCents: bigint;
}

class Fraction {
  constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  static readonly ZERO = new Fraction(0n, 1n);

  plus(other: Fraction): Fraction {
    const n = this.n * other.d + other.n * this.d;
    const d = this.d * other.d;
    const g = gcd(n < 0n ? -n : n, d);
    return new Fraction(n / g, d / g);
  }

  roundHalfUpToInteger(): bigint {
    return (2n * this.n + this.d) / (2n * this.d);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/** An amount in minor units of its currency; digits beyond the currency's decimals round half-up. */
function centsOf(amount: string, currency: string | undefined): bigint {
  const [whole, fraction = ''] = amount.split('.');
  return new Fraction(BigInt(whole! + fraction) * 10n ** BigInt(currencyExponent(currency)), 10n ** BigInt(fraction.length)).roundHalfUpToInteger();
}

const utcDate = (instant: string): string => new Date(instant).toISOString().slice(0, 10);

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Counted, not computed: the days whose date starts with the month. */
function daysOfMonth(month: string): number {
  let count = 0;
  for (let date = `${month}-01`; date.startsWith(month); date = nextDate(date)) count++;
  return count;
}

interface Change {
  date: string;
  ms: number;
  order: number;
  cancelled: boolean;
  quantity: number;
  price: bigint;
  cost: bigint;
  annual: boolean;
}

/**
 * Charges per month (`YYYY-MM`) from the organization's first charged day through the end of `today`'s month,
 * never before its billing start date.
 */
export function recomputeFromHistory(events: readonly HistoryEvent[], today: string): Map<string, HistoryMonth> {
  let billingStart: { date: string; at: number } | null = null;
  const changes = new Map<string, { productId: string; changes: Change[] }>();
  events.forEach((event, order) => {
    const d = event.data;
    if (event.type === 'OrganizationRegistered' || event.type === 'BillingStartDateSet') {
      const at = Date.parse(String(event.type === 'OrganizationRegistered' ? d.createdAt : d.changedAt));
      if (!billingStart || at >= billingStart.at) billingStart = { date: String(d.billingStartDate), at };
    }
    if (event.type === 'SubscriptionActivated' || event.type === 'SubscriptionQuantityChanged' || event.type === 'SubscriptionCancelled') {
      const id = String(d.subscriptionId);
      const currency = typeof d.currency === 'string' ? d.currency : undefined;
      const entry = changes.get(id) ?? { productId: String(d.productId), changes: [] };
      entry.changes.push({
        date: utcDate(String(d.effectiveAt)), ms: Date.parse(String(d.effectiveAt)), order,
        cancelled: event.type === 'SubscriptionCancelled', quantity: Number(d.quantity),
        price: centsOf(String(d.unitPrice), currency), cost: centsOf(String(d.unitCost), currency), annual: d.billingFrequency === 'annual',
      });
      changes.set(id, entry);
    }
  });
  for (const entry of changes.values()) entry.changes.sort((a, b) => a.ms - b.ms || a.order - b.order);

  const allDates = [...changes.values()].flatMap((e) => e.changes.map((c) => c.date));
  if (allDates.length === 0) return new Map();
  let first = allDates.reduce((a, b) => (a < b ? a : b));
  const start = (billingStart as { date: string } | null)?.date;
  if (start && start > first) first = start;
  const end = `${today.slice(0, 7)}-${String(daysOfMonth(today.slice(0, 7))).padStart(2, '0')}`;

  const lines = new Map<string, { sell: Fraction; cost: Fraction }>();
  const monthLength = new Map<string, number>();
  for (let date = first; date <= end; date = nextDate(date)) {
    const month = date.slice(0, 7);
    if (!monthLength.has(month)) monthLength.set(month, daysOfMonth(month));
    const days = BigInt(monthLength.get(month)!);
    for (const { productId, changes: list } of changes.values()) {
      let state: Change | undefined;
      for (const change of list) if (change.date <= date) state = change;
      if (!state || state.cancelled || state.quantity <= 0) continue;
      const denominator = days * (state.annual ? 12n : 1n);
      const key = `${month} ${productId}`;
      const line = lines.get(key) ?? { sell: Fraction.ZERO, cost: Fraction.ZERO };
      lines.set(key, {
        sell: line.sell.plus(new Fraction(BigInt(state.quantity) * state.price, denominator)),
        cost: line.cost.plus(new Fraction(BigInt(state.quantity) * state.cost, denominator)),
      });
    }
  }

  const months = new Map<string, HistoryMonth>();
  for (const [key, line] of lines) {
    const month = key.slice(0, 7);
    const total = months.get(month) ?? { revenueCents: 0n, costCents: 0n };
    months.set(month, { revenueCents: total.revenueCents + line.sell.roundHalfUpToInteger(), costCents: total.costCents + line.cost.roundHalfUpToInteger() });
  }
  return months;
}
