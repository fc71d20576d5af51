import type { TransactionTypeV1 } from '@broker/contracts';
import type { Decider } from '@broker/event-sourcing';
import type { SubscriptionEvent, SubscriptionFacts } from './subscription.events';
import { SubscriptionCancelledError, SubscriptionNotFoundError, TooManyAssigneesError } from './subscription.errors';

/** An approved transaction as the catalog applies it; `unitCost` is the product's cost when it is applied. */
export interface ApprovedTransaction extends SubscriptionFacts {
  transactionId: string;
  transactionType: TransactionTypeV1;
  /** The quantity once the transaction applies (ignored for a cancellation). */
  quantity: number;
  effectiveAt: string;
}

export type SubscriptionCommand =
  | { type: 'ApplyApprovedTransaction'; data: ApprovedTransaction }
  | { type: 'SetAssignments'; data: { subscriptionId: string; userIds: string[] }; actorId: string; at: Date };

export type ExistingSubscription = SubscriptionFacts & {
  status: 'active' | 'cancelled';
  quantity: number;
  startedAt: string;
  cancelledAt: string | null;
  /** In the order the licences were assigned. */
  assignedUserIds: string[];
  appliedTransactionIds: string[];
};

export type SubscriptionState = { status: 'none' } | ExistingSubscription;

export const SYSTEM_ACTOR = 'system';

export const subscriptionDecider: Decider<SubscriptionCommand, SubscriptionEvent, SubscriptionState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'ApplyApprovedTransaction':
        return applyTransaction(command.data, state);
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
      case 'SubscriptionActivated': {
        const { quantity, transactionId, effectiveAt, ...facts } = event.data;
        return { ...facts, status: 'active', quantity, startedAt: effectiveAt, cancelledAt: null, assignedUserIds: [], appliedTransactionIds: [transactionId] };
      }
      case 'SubscriptionQuantityChanged': {
        if (state.status === 'none') return state;
        const { quantity, previousQuantity: _previous, transactionId, effectiveAt: _at, ...facts } = event.data;
        return { ...state, ...facts, quantity, appliedTransactionIds: [...state.appliedTransactionIds, transactionId] };
      }
      case 'SubscriptionCancelled':
        if (state.status === 'none') return state;
        return { ...state, status: 'cancelled', cancelledAt: event.data.effectiveAt, appliedTransactionIds: [...state.appliedTransactionIds, event.data.transactionId] };
      case 'LicencesAssigned':
        if (state.status === 'none') return state;
        return { ...state, assignedUserIds: [...event.data.userIds] };
    }
  },
};

/**
 * Applies an approved transaction once. Anything it cannot apply (a change of a cancelled or unknown subscription,
 * an order for an id already used) records nothing; the caller sees no new events and reports it.
 */
function applyTransaction(tx: ApprovedTransaction, state: SubscriptionState): SubscriptionEvent[] {
  if (state.status !== 'none' && state.appliedTransactionIds.includes(tx.transactionId)) return [];
  // A transaction names its subscription's organization and product; one that does not match is not applied.
  if (state.status !== 'none' && (state.organizationId !== tx.organizationId || state.productId !== tx.productId)) return [];
  const { transactionId, transactionType, quantity, effectiveAt, ...facts } = tx;
  switch (transactionType) {
    case 'order':
      if (state.status !== 'none') return [];
      return [{ type: 'SubscriptionActivated', data: { ...facts, quantity, transactionId, effectiveAt } }];
    case 'change': {
      if (state.status !== 'active') return [];
      const events: SubscriptionEvent[] = [
        { type: 'SubscriptionQuantityChanged', data: { ...facts, quantity, previousQuantity: state.quantity, transactionId, effectiveAt } },
      ];
      // Assignments made after the request may exceed the new quantity: the most recently assigned give theirs up.
      if (state.assignedUserIds.length > quantity) {
        events.push(licencesAssigned(state, state.assignedUserIds.slice(0, Math.max(0, quantity)), SYSTEM_ACTOR, effectiveAt, 'quantity_decreased'));
      }
      return events;
    }
    case 'cancel': {
      if (state.status !== 'active') return [];
      const { status: _s, quantity: held, startedAt: _st, cancelledAt: _c, assignedUserIds, appliedTransactionIds: _a, ...current } = state;
      const events: SubscriptionEvent[] = [{ type: 'SubscriptionCancelled', data: { ...current, quantity: held, transactionId, effectiveAt } }];
      if (assignedUserIds.length > 0) events.push(licencesAssigned(state, [], SYSTEM_ACTOR, effectiveAt, 'subscription_cancelled'));
      return events;
    }
  }
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
