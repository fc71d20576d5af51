import { readMoneyAmount } from '../../approvals/money';
import type { BillingFrequency } from '../../catalog/product.rpc';
import { dayOfInstant, instantMillis, type Day } from './calendar';

export type ChangeKind = 'activated' | 'changed' | 'cancelled';

/** A change of what a subscription charges, effective at `at` (the approval time of its transaction). */
export interface SubscriptionChange {
  at: string;
  kind: ChangeKind;
  /** After the change; for a cancellation, the quantity it had until then. */
  quantity: number;
  /** Decimals in the subscription's currency: the sell price and the reseller's cost per unit per billing period. */
  unitPrice: string;
  unitCost: string;
  billingFrequency: BillingFrequency;
  /**
   * The change's place among the subscription's approved transactions, the order the catalog applied them in. Changes
   * at the same instant follow it; without it (facts from before sequences), the order they were recorded in.
   */
  sequence?: number;
}

/** The users holding the subscription's licences from `at` on, in the order they got them. */
export interface HolderChange {
  at: string;
  /** Orders the changes of one subscription (the catalog's stream revision). */
  revision: number;
  userIds: readonly string[];
}

/** Everything the accrual rules need of one subscription. */
export interface AccrualSubscription {
  subscriptionId: string;
  productId: string;
  productName: string;
  changes: readonly SubscriptionChange[];
  holders: readonly HolderChange[];
  /** The currency of its amounts (the reseller's); unknown: two decimals. */
  currency?: string | null;
}

export interface ChargeState {
  quantity: number;
  /** In minor units of the subscription's currency, as every amount of the accrual (cents for most currencies). */
  unitPriceCents: bigint;
  unitCostCents: bigint;
  billingFrequency: BillingFrequency;
}

/** Days `from` (inclusive) to `until` (exclusive; null: open-ended) charged at one state. */
export interface ChargeSegment extends ChargeState {
  from: Day;
  until: Day | null;
}

export interface HolderSegment {
  from: Day;
  until: Day | null;
  userIds: readonly string[];
}


const MS_PER_DAY = 86_400_000;

/** Changes at the same instant follow their sequence, else the order they were recorded in. Each with its UTC day. */
function byInstant<T extends { at: string; sequence?: number }>(items: readonly T[]): { item: T; day: Day }[] {
  return items.map((item, index) => ({ item, index, ms: instantMillis(item.at) }))
    .sort((a, b) => a.ms - b.ms || (a.item.sequence ?? a.index) - (b.item.sequence ?? b.index) || a.index - b.index)
    .map((entry) => ({ item: entry.item, day: Math.floor(entry.ms / MS_PER_DAY) }));
}

/** Turns "from this day on" transitions (the last one of a day wins) into consecutive segments. */
function segmentsOf<State>(transitions: Map<Day, State | null>): { from: Day; until: Day | null; state: State }[] {
  const days = [...transitions.keys()].sort((a, b) => a - b);
  const segments: { from: Day; until: Day | null; state: State }[] = [];
  days.forEach((day, i) => {
    const state = transitions.get(day);
    if (state !== null && state !== undefined) segments.push({ from: day, until: days[i + 1] ?? null, state });
  });
  return segments;
}

/**
 * The rules of effect: a change effective on day D applies from D (the last change of a day wins the whole day);
 * a cancellation effective on D stops charges before D.
 */
export function chargeSegments(changes: readonly SubscriptionChange[], currency?: string | null): ChargeSegment[] {
  const transitions = new Map<Day, ChargeState | null>();
  for (const { item: change, day } of byInstant(changes)) {
    transitions.set(
      day,
      change.kind === 'cancelled' || change.quantity <= 0
        ? null
        : { quantity: change.quantity, unitPriceCents: readMoneyAmount(change.unitPrice, currency), unitCostCents: readMoneyAmount(change.unitCost, currency), billingFrequency: change.billingFrequency },
    );
  }
  return segmentsOf(transitions).map(({ from, until, state }) => ({ from, until, ...state }));
}

/** Who holds the licences on which days: a change on day D applies from D, the last change of a day wins. */
export function holderSegments(holders: readonly HolderChange[]): HolderSegment[] {
  const ordered = holders.map((h, index) => ({ h, index })).sort((a, b) => a.h.revision - b.h.revision || a.index - b.index);
  const transitions = new Map<Day, readonly string[]>();
  let lastDay = Number.NEGATIVE_INFINITY;
  for (const { h } of ordered) {
    // Revisions order the changes; a later revision never takes effect before an earlier one.
    const day = Math.max(dayOfInstant(h.at), lastDay);
    lastDay = day;
    transitions.delete(day);
    transitions.set(day, h.userIds);
  }
  return segmentsOf(transitions).map(({ from, until, state }) => ({ from, until, userIds: state }));
}
