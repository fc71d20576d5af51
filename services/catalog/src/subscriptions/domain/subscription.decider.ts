import type { Decider } from '@broker/event-sourcing';
import type { ApprovedTransaction, SubscriptionEvent, SubscriptionFacts } from './subscription.events';
import { SubscriptionCancelledError, SubscriptionNotFoundError, TooManyAssigneesError } from './subscription.errors';

export type { ApprovedTransaction } from './subscription.events';

export type SubscriptionCommand =
  | { type: 'ApplyApprovedTransaction'; data: ApprovedTransaction }
  | { type: 'SetAssignments'; data: { subscriptionId: string; userIds: string[] }; actorId: string; at: Date };

/** Approved transactions waiting for the ones approved before them, in sequence order. */
type Held = readonly (ApprovedTransaction & { sequence: number })[];

export type ExistingSubscription = SubscriptionFacts & {
  status: 'active' | 'cancelled';
  quantity: number;
  startedAt: string;
  cancelledAt: string | null;
  /** In the order the licences were assigned. */
  assignedUserIds: string[];
  appliedTransactionIds: string[];
  /** The sequence of the last approved transaction applied (the order is 0). */
  sequence: number;
  held: Held;
};

export type SubscriptionState = { status: 'none'; held: Held } | ExistingSubscription;

export const SYSTEM_ACTOR = 'system';

export const subscriptionDecider: Decider<SubscriptionCommand, SubscriptionEvent, SubscriptionState> = {
  initialState: () => ({ status: 'none', held: [] }),

  decide(command, state) {
    switch (command.type) {
      case 'ApplyApprovedTransaction':
        return applyInOrder(command.data, state);
      case 'SetAssignments': {
        const { subscriptionId } = command.data;
        if (state.status === 'none') throw new SubscriptionNotFoundError(subscriptionId);
        if (state.status === 'cancelled') throw new SubscriptionCancelledError(subscriptionId);
        const next = nextHolders(state, command.data.userIds);
        if (sameSet(next, state.assignedUserIds)) return [];
        return [licencesAssigned(state, next, command.actorId, command.at.toISOString(), 'assigned')];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ApprovedTransactionHeld':
        return { ...state, held: [...state.held, event.data].sort((a, b) => a.sequence - b.sequence) };
      case 'SubscriptionActivated': {
        const { quantity, transactionId, effectiveAt, sequence, ...facts } = event.data;
        return {
          ...facts,
          status: 'active',
          quantity,
          startedAt: effectiveAt,
          cancelledAt: null,
          assignedUserIds: [],
          appliedTransactionIds: [transactionId],
          sequence: sequence ?? 0,
          held: withoutHeld(state.held, transactionId),
        };
      }
      case 'SubscriptionQuantityChanged': {
        if (state.status === 'none') return state;
        const { quantity, previousQuantity: _previous, transactionId, effectiveAt: _at, sequence, ...facts } = event.data;
        return {
          ...state,
          ...facts,
          quantity,
          appliedTransactionIds: [...state.appliedTransactionIds, transactionId],
          sequence: sequence ?? state.sequence + 1,
          held: withoutHeld(state.held, transactionId),
        };
      }
      case 'SubscriptionCancelled':
        if (state.status === 'none') return state;
        return {
          ...state,
          status: 'cancelled',
          cancelledAt: event.data.effectiveAt,
          appliedTransactionIds: [...state.appliedTransactionIds, event.data.transactionId],
          sequence: event.data.sequence ?? state.sequence + 1,
          held: withoutHeld(state.held, event.data.transactionId),
        };
      case 'LicencesAssigned':
        if (state.status === 'none') return state;
        return { ...state, assignedUserIds: [...event.data.userIds] };
    }
  },
};

/**
 * Applies approved transactions in the order they were approved, whatever order they arrive in: the next one in
 * sequence applies at once, together with any held ones that follow it; one that comes early is held. A
 * transaction is applied (or held) once. Approvals from before sequences apply as they arrive.
 */
function applyInOrder(tx: ApprovedTransaction, state: SubscriptionState): SubscriptionEvent[] {
  if (state.held.some((held) => held.transactionId === tx.transactionId)) return [];
  if (state.status !== 'none' && state.appliedTransactionIds.includes(tx.transactionId)) return [];
  if (tx.sequence === null) return applyTransaction(tx, state);
  const next = state.status === 'none' ? 0 : state.sequence + 1;
  if (tx.sequence < next) return [];
  if (tx.sequence > next) return [{ type: 'ApprovedTransactionHeld', data: { ...tx, sequence: tx.sequence } }];
  const events = applyTransaction(tx, state);
  let current = events.reduce(subscriptionDecider.evolve, state);
  for (;;) {
    const following = current.status === 'none' ? undefined : current.held.find((held) => held.sequence === (current as ExistingSubscription).sequence + 1);
    if (!following) return events;
    const applied = applyTransaction(following, current);
    // A held transaction that can no longer apply (its subscription cancelled meanwhile) stays held, on record.
    if (applied.length === 0) return events;
    events.push(...applied);
    current = applied.reduce(subscriptionDecider.evolve, current);
  }
}

/**
 * Applies one approved transaction. Anything it cannot apply (a change of a cancelled or unknown subscription, an
 * order for an id already used) records nothing; the caller sees no new events and reports it.
 */
function applyTransaction(tx: ApprovedTransaction, state: SubscriptionState): SubscriptionEvent[] {
  // A transaction names its subscription's organization and product; one that does not match is not applied.
  if (state.status !== 'none' && (state.organizationId !== tx.organizationId || state.productId !== tx.productId)) return [];
  const { transactionId, transactionType, quantity, effectiveAt, sequence, ...facts } = tx;
  const applied = { transactionId, effectiveAt, ...(sequence === null ? {} : { sequence }) };
  switch (transactionType) {
    case 'order':
      if (state.status !== 'none') return [];
      return [{ type: 'SubscriptionActivated', data: { ...facts, quantity, ...applied } }];
    case 'change': {
      if (state.status !== 'active') return [];
      const events: SubscriptionEvent[] = [{ type: 'SubscriptionQuantityChanged', data: { ...facts, quantity, previousQuantity: state.quantity, ...applied } }];
      // Assignments made after the request may exceed the new quantity: the most recently assigned give theirs up.
      if (state.assignedUserIds.length > quantity) {
        events.push(licencesAssigned(state, state.assignedUserIds.slice(0, Math.max(0, quantity)), SYSTEM_ACTOR, effectiveAt, 'quantity_decreased'));
      }
      return events;
    }
    case 'cancel': {
      if (state.status !== 'active') return [];
      const { status: _s, quantity: held, startedAt: _st, cancelledAt: _c, assignedUserIds, appliedTransactionIds: _a, sequence: _q, held: _h, ...current } = state;
      const events: SubscriptionEvent[] = [{ type: 'SubscriptionCancelled', data: { ...current, quantity: held, ...applied } }];
      if (assignedUserIds.length > 0) events.push(licencesAssigned(state, [], SYSTEM_ACTOR, effectiveAt, 'subscription_cancelled'));
      return events;
    }
  }
}

function withoutHeld(held: Held, transactionId: string): Held {
  return held.some((h) => h.transactionId === transactionId) ? held.filter((h) => h.transactionId !== transactionId) : held;
}

/**
 * The holders after a "set to": those kept stay in their place (they keep their assignment time), those added follow
 * in the order given. Duplicates count once. More holders than the quantity is refused.
 */
export function nextHolders(state: ExistingSubscription, userIds: readonly string[]): string[] {
  const wanted = [...new Set(userIds)];
  if (wanted.length > state.quantity) throw new TooManyAssigneesError(state.quantity, wanted.length);
  const wantedSet = new Set(wanted);
  const previous = new Set(state.assignedUserIds);
  return [...state.assignedUserIds.filter((id) => wantedSet.has(id)), ...wanted.filter((id) => !previous.has(id))];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

function licencesAssigned(state: ExistingSubscription, userIds: string[], assignedBy: string, assignedAt: string, reason: 'assigned' | 'quantity_decreased' | 'subscription_cancelled'): SubscriptionEvent {
  const { subscriptionId, resellerId, organizationId, productId } = state;
  return { type: 'LicencesAssigned', data: { subscriptionId, resellerId, organizationId, productId, userIds, previousUserIds: [...state.assignedUserIds], assignedBy, assignedAt, reason } };
}
