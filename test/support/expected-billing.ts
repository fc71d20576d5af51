import type { BillingFrequency } from './fault-world';

/**
 * The charges a report grouped by service must show, computed here from what the test knows (the rules of
 * product.md, Billing, with the rules of effect documented in services/billing/README.md):
 * - on each UTC day a subscription is active it costs quantity x unit price / days in that month (annual products:
 *   unit price / 12 / days in that month);
 * - a change effective on day D applies from D, the last change of a day wins the day; a cancellation effective on D
 *   stops charges before D;
 * - the current month is billed in advance to its end, from the billing start date on;
 * - one line per month and product, its amount the exact sum rounded half-up to cents once; its quantity the most
 *   seats charged on one day of the month, summed over the product's subscriptions.
 */

const MS_PER_DAY = 86_400_000;

/** One approved change of a subscription, in decided order: a quantity from `at` on, or the end (`quantity` null). */
export interface ChargeChange {
  at: number;
  quantity: number | null;
}

export interface ChargedSubscription {
  productId: string;
  billingFrequency: BillingFrequency;
  unitPriceCents: bigint;
  changes: readonly ChargeChange[];
}

export interface ExpectedLine {
  productId: string;
  quantity: number;
  amount: string;
}

export interface BillingMonth {
  /** `YYYY-MM` */
  month: string;
  firstDay: number;
  lastDay: number;
  daysInMonth: number;
}

export function billingMonthOf(instant: number): BillingMonth {
  const date = new Date(instant);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const first = Date.UTC(year, month, 1) / MS_PER_DAY;
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return { month: `${year}-${String(month + 1).padStart(2, '0')}`, firstDay: first, lastDay: first + days - 1, daysInMonth: days };
}

export const dayOf = (instant: number): number => Math.floor(instant / MS_PER_DAY);

export function formatCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** n / d rounded half-up (both non-negative). */
function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

/** The lines of the month (by product id) for these subscriptions of one organization. */
export function expectedServiceLines(subscriptions: readonly ChargedSubscription[], month: BillingMonth, billingStartDate: string): Map<string, ExpectedLine> {
  const from = Math.max(month.firstDay, dayOf(Date.parse(`${billingStartDate}T00:00:00Z`)));
  const denominator = 12n * BigInt(month.daysInMonth);
  const sums = new Map<string, { numerator: bigint; quantity: number }>();
  for (const subscription of subscriptions) {
    // Quantity from each day on; a later change of the same day replaces an earlier one.
    const fromDay = new Map<number, number | null>();
    for (const change of subscription.changes) fromDay.set(dayOf(change.at), change.quantity);
    const days = [...fromDay.keys()].sort((a, b) => a - b);
    let numerator = 0n;
    let most = 0;
    let charged = false;
    for (let day = from; day <= month.lastDay; day++) {
      const effective = days.filter((d) => d <= day);
      if (effective.length === 0) continue;
      const quantity = fromDay.get(effective[effective.length - 1]!) ?? null;
      if (quantity === null || quantity <= 0) continue;
      charged = true;
      most = Math.max(most, quantity);
      numerator += BigInt(quantity) * subscription.unitPriceCents * (subscription.billingFrequency === 'monthly' ? 12n : 1n);
    }
    if (!charged) continue;
    const sum = sums.get(subscription.productId) ?? { numerator: 0n, quantity: 0 };
    sum.numerator += numerator;
    sum.quantity += most;
    sums.set(subscription.productId, sum);
  }
  return new Map(
    [...sums].map(([productId, sum]) => [productId, { productId, quantity: sum.quantity, amount: formatCents(roundHalfUp(sum.numerator, denominator)) }]),
  );
}
