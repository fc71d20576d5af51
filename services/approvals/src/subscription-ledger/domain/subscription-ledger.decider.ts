import type { Decider } from '@broker/event-sourcing';
import type { TransactionType } from '../../transactions/domain/annual-value';
import { SubscriptionAlreadyCancelledError, SubscriptionChangedError, SubscriptionNotFoundError } from '../../transactions/domain/transaction.errors';
import type { LedgerSubject, SubscriptionLedgerEvent } from './subscription-ledger.events';

export type KnownLedger = LedgerSubject & {
  status: 'active' | 'cancelled';
  /** The sequence of the last committed transaction (the order is 0). */
  sequence: number;
  quantity: number;
  unitPrice: string;
  /** When the last committed transaction took effect; null for an adopted ledger with nothing committed since. */
  lastEffectiveAt: string | null;
  transactionIds: string[];
};

export type SubscriptionLedgerState = { status: 'none' } | KnownLedger;

export type CommittedTransaction = Extract<SubscriptionLedgerEvent, { type: 'SubscriptionTransactionCommitted' }>['data'];

export type SubscriptionLedgerCommand =
  | { type: 'CommitTransaction'; data: CommittedTransaction }
  | { type: 'AdoptSubscription'; data: Omit<Extract<SubscriptionLedgerEvent, { type: 'SubscriptionLedgerAdopted' }>['data'], 'adoptedAt'>; at: Date };

/** The moment an approval takes effect: now, but always after the subscription's previous change (one order in time). */
export function nextEffectiveAt(at: Date, lastEffectiveAt: string | null): string {
  const last = lastEffectiveAt === null ? Number.NEGATIVE_INFINITY : Date.parse(lastEffectiveAt);
  return new Date(Math.max(at.getTime(), last + 1)).toISOString();
}

/** The sequence the next approved transaction of a subscription gets. */
function nextSequence(ledger: SubscriptionLedgerState): number {
  return ledger.status === 'none' ? 0 : ledger.sequence + 1;
}

/**
 * The order in which a subscription's transactions were approved. Exactly one transaction gets each sequence number:
 * an approval decided against an older sequence than the ledger's last one (another change came first) is refused.
 */
export const subscriptionLedgerDecider: Decider<SubscriptionLedgerCommand, SubscriptionLedgerEvent, SubscriptionLedgerState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'AdoptSubscription':
        if (state.status !== 'none') return [];
        return [{ type: 'SubscriptionLedgerAdopted', data: { ...command.data, adoptedAt: command.at.toISOString() } }];
      case 'CommitTransaction': {
        const tx = command.data;
        if (state.status !== 'none' && state.transactionIds.includes(tx.transactionId)) return [];
        requireCommittable(tx.transactionType, tx.subscriptionId, state);
        if (tx.sequence !== nextSequence(state)) {
          throw new SubscriptionChangedError(
            `Subscription ${tx.subscriptionId} changed since this request was made (another change was approved first): reject it and request again`,
          );
        }
        if (state.status !== 'none' && state.lastEffectiveAt !== null && Date.parse(tx.effectiveAt) <= Date.parse(state.lastEffectiveAt)) {
          throw new Error(`Transaction ${tx.transactionId} would take effect before the subscription's previous change`);
        }
        return [{ type: 'SubscriptionTransactionCommitted', data: { ...tx } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'SubscriptionLedgerAdopted': {
        const { subscriptionId, resellerId, organizationId, productId, sequence, quantity, status, unitPrice } = event.data;
        return { subscriptionId, resellerId, organizationId, productId, status, sequence, quantity, unitPrice, lastEffectiveAt: null, transactionIds: [] };
      }
      case 'SubscriptionTransactionCommitted': {
        const { subscriptionId, resellerId, organizationId, productId, transactionId, transactionType, sequence, quantity, unitPrice, effectiveAt } = event.data;
        const cancelled = transactionType === 'cancel';
        const before = state.status === 'none' ? null : state;
        return {
          subscriptionId,
          resellerId,
          organizationId,
          productId,
          status: cancelled ? 'cancelled' : 'active',
          sequence,
          // A cancellation keeps the quantity the subscription had.
          quantity: cancelled ? (before?.quantity ?? 0) : quantity,
          unitPrice,
          lastEffectiveAt: effectiveAt,
          transactionIds: [...(before?.transactionIds ?? []), transactionId],
        };
      }
    }
  },
};

/** An order starts a ledger; a change or cancellation needs an active one. */
function requireCommittable(type: TransactionType, subscriptionId: string, state: SubscriptionLedgerState): void {
  if (type === 'order') {
    if (state.status !== 'none') throw new SubscriptionChangedError(`Subscription ${subscriptionId} exists already`);
    return;
  }
  if (state.status === 'none') throw new SubscriptionNotFoundError(subscriptionId);
  if (state.status === 'cancelled') throw new SubscriptionAlreadyCancelledError(subscriptionId);
}
