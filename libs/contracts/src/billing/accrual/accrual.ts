import { daysInMonth, firstDayOfMonth, lastDayOfMonth, monthOfDay, monthsBetween, type Day, type YearMonth } from './calendar';
import type { BillingFrequency } from '../../catalog/product.rpc';
import { chargeSegments, holderSegments, type AccrualSubscription, type ChargeSegment, type HolderSegment } from './subscription-timeline';

/**
 * Per-day accrual, exactly. On each day a subscription is active it costs quantity x unit price / days in that
 * month (annual products: unit price / 12 / days in that month). Every amount of one month is kept as an integer
 * numerator of cents over that month's common denominator 12 x days-in-month, so sums stay exact and a line is
 * rounded once, half-up, at the end. "Cents" are the minor unit of the subscription's currency: the yen of JPY, the
 * fils of KWD; the rules are the same in every currency, only prices are read and totals written in its decimals.
 */

/** Both days included. */
export interface DayWindow {
  from: Day;
  to: Day;
}

export interface SubscriptionMonthCharge {
  month: YearMonth;
  /** 12 x days in the month: every numerator of this month is in cents over it. */
  denominator: bigint;
  sell: bigint;
  cost: bigint;
  /** The most seats charged on one day of the month. */
  maxQuantity: number;
  chargedDays: number;
}

export interface HolderShare {
  /** null: seats assigned to nobody. */
  userId: string | null;
  /** Sell amount, cents over the month's denominator. */
  numerator: bigint;
  /** The most seats held on one day of the month. */
  maxSeats: number;
}

export interface SubscriptionMonthSplit {
  month: YearMonth;
  denominator: bigint;
  /** Users in the order they first held a seat this month, then the unassigned seats. */
  shares: HolderShare[];
}

export function monthDenominator(month: YearMonth): bigint {
  return 12n * BigInt(daysInMonth(month));
}

/** One seat for one day, in cents over the month's denominator 12 x days-in-month. */
function seatDay(unitCents: bigint, frequency: BillingFrequency): bigint {
  return frequency === 'monthly' ? unitCents * 12n : unitCents;
}

/** The window's part inside one month, both days included, or null when they do not meet. */
function monthPart(month: YearMonth, window: DayWindow): DayWindow | null {
  const from = Math.max(window.from, firstDayOfMonth(month));
  const to = Math.min(window.to, lastDayOfMonth(month));
  return from <= to ? { from, to } : null;
}

/** Days of [from, until) inside the inclusive part. */
function overlap(part: DayWindow, from: Day, until: Day | null): number {
  const a = Math.max(part.from, from);
  const b = Math.min(part.to, until === null ? Number.POSITIVE_INFINITY : until - 1);
  return b >= a ? b - a + 1 : 0;
}

function monthsOf(window: DayWindow): YearMonth[] {
  return window.from > window.to ? [] : monthsBetween(monthOfDay(window.from), monthOfDay(window.to));
}

/** The subscription's charges per month inside the window; months without a charged day are left out. */
export function accrueSubscription(subscription: Pick<AccrualSubscription, 'changes' | 'currency'>, window: DayWindow): SubscriptionMonthCharge[] {
  const segments = chargeSegments(subscription.changes, subscription.currency);
  const result: SubscriptionMonthCharge[] = [];
  for (const month of monthsOf(window)) {
    const part = monthPart(month, window);
    if (!part) continue;
    let sell = 0n;
    let cost = 0n;
    let maxQuantity = 0;
    let chargedDays = 0;
    for (const segment of segments) {
      const days = overlap(part, segment.from, segment.until);
      if (days === 0) continue;
      const seatDays = BigInt(days * segment.quantity);
      sell += seatDays * seatDay(segment.unitPriceCents, segment.billingFrequency);
      cost += seatDays * seatDay(segment.unitCostCents, segment.billingFrequency);
      maxQuantity = Math.max(maxQuantity, segment.quantity);
      chargedDays += days;
    }
    if (chargedDays > 0) result.push({ month, denominator: monthDenominator(month), sell, cost, maxQuantity, chargedDays });
  }
  return result;
}

function segmentAt<S extends { from: Day; until: Day | null }>(segments: readonly S[], day: Day): S | undefined {
  return segments.find((s) => s.from <= day && (s.until === null || day < s.until));
}

/**
 * The subscription's sell charges per month split per seat: each day, every holder (at most quantity of them, the
 * earliest assigned first) carries one seat and the remaining seats are unassigned. The shares of a month add up to
 * exactly the subscription's sell numerator of that month.
 */
export function splitSubscriptionByHolder(subscription: Pick<AccrualSubscription, 'changes' | 'holders' | 'currency'>, window: DayWindow): SubscriptionMonthSplit[] {
  const charges = chargeSegments(subscription.changes, subscription.currency);
  const holders = holderSegments(subscription.holders);
  const result: SubscriptionMonthSplit[] = [];
  for (const month of monthsOf(window)) {
    const part = monthPart(month, window);
    if (!part) continue;
    const cuts = new Set<Day>([part.from, part.to + 1]);
    for (const s of [...charges, ...holders] as (ChargeSegment | HolderSegment)[]) {
      for (const day of [s.from, s.until]) if (day !== null && day > part.from && day <= part.to) cuts.add(day);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const shares = new Map<string | null, HolderShare>();
    const share = (userId: string | null): HolderShare => {
      let found = shares.get(userId);
      if (!found) {
        found = { userId, numerator: 0n, maxSeats: 0 };
        shares.set(userId, found);
      }
      return found;
    };
    for (let i = 0; i < points.length - 1; i++) {
      const from = points[i]!;
      const days = points[i + 1]! - from;
      const charge = segmentAt(charges, from);
      if (!charge) continue;
      const perSeat = BigInt(days) * seatDay(charge.unitPriceCents, charge.billingFrequency);
      const held = [...new Set(segmentAt(holders, from)?.userIds ?? [])].slice(0, charge.quantity);
      for (const userId of held) {
        const s = share(userId);
        s.numerator += perSeat;
        s.maxSeats = Math.max(s.maxSeats, 1);
      }
      const unassigned = charge.quantity - held.length;
      if (unassigned > 0) {
        const s = share(null);
        s.numerator += perSeat * BigInt(unassigned);
        s.maxSeats = Math.max(s.maxSeats, unassigned);
      }
    }
    if (shares.size === 0) continue;
    const ordered = [...shares.values()].filter((s) => s.userId !== null);
    const nobody = shares.get(null);
    result.push({ month, denominator: monthDenominator(month), shares: nobody ? [...ordered, nobody] : ordered });
  }
  return result;
}

/** numerator / denominator cents, rounded half-up (amounts are never negative). */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) throw new RangeError('roundHalfUp takes a non-negative amount over a positive denominator');
  return (2n * numerator + denominator) / (2n * denominator);
}

/**
 * Splits a line's rounded amount over its shares so the parts add up to it exactly (largest remainder): each share
 * gets its exact amount rounded down, and the cents left go to the largest remainders (ties: the earlier share).
 * Every part is within one cent of its own exact amount.
 */
export function allocateCents(shares: readonly bigint[], denominator: bigint): bigint[] {
  const total = roundHalfUp(shares.reduce((sum, n) => sum + n, 0n), denominator);
  const parts = shares.map((n) => n / denominator);
  let left = total - parts.reduce((sum, p) => sum + p, 0n);
  const byRemainder = shares.map((n, index) => ({ index, remainder: n % denominator })).sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder) {
    if (left <= 0n) break;
    parts[index] = parts[index]! + 1n;
    left -= 1n;
  }
  return parts;
}
