import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { SubscriptionAlreadyCancelledError, SubscriptionChangedError, SubscriptionNotFoundError } from '../../transactions/domain/transaction.errors';
import { nextEffectiveAt, subscriptionLedgerDecider, type CommittedTransaction, type SubscriptionLedgerCommand } from './subscription-ledger.decider';
import type { SubscriptionLedgerEvent } from './subscription-ledger.events';

const spec = DeciderSpecification.for(subscriptionLedgerDecider);
const subject = { subscriptionId: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1' };

const tx = (transactionId: string, transactionType: CommittedTransaction['transactionType'], sequence: number, quantity: number, previousQuantity: number, effectiveAt: string): CommittedTransaction => ({
  ...subject,
  transactionId,
  transactionType,
  sequence,
  quantity,
  previousQuantity,
  unitPrice: '10.50',
  effectiveAt,
});
const commit = (data: CommittedTransaction): SubscriptionLedgerCommand => ({ type: 'CommitTransaction', data });
const committed = (data: CommittedTransaction): SubscriptionLedgerEvent => ({ type: 'SubscriptionTransactionCommitted', data });

const order = tx('t-order', 'order', 0, 10, 0, '2026-03-16T09:00:00.000Z');
const grow = tx('t-grow', 'change', 1, 14, 10, '2026-03-16T10:00:00.000Z');

describe('subscription ledger', () => {
  it('opens with the order and takes each change at the next sequence', () => {
    spec.when(commit(order)).then([committed(order)]);
    spec.given([committed(order)]).when(commit(grow)).then([committed(grow)]);
    const cancel = tx('t-cancel', 'cancel', 2, 0, 14, '2026-03-16T11:00:00.000Z');
    spec.given([committed(order), committed(grow)]).when(commit(cancel)).then([committed(cancel)]);
  });

  it('commits a transaction once', () => {
    spec.given([committed(order), committed(grow)]).when(commit(grow)).then([]);
  });

  it('refuses a change decided against a sequence the ledger has moved past, or one that skips ahead', () => {
    const stale = tx('t-stale', 'change', 1, 12, 10, '2026-03-16T10:30:00.000Z');
    spec.given([committed(order), committed(grow)]).when(commit(stale)).thenThrows(SubscriptionChangedError, (e) => e.code === 'SUBSCRIPTION.CONFLICT');
    const ahead = tx('t-ahead', 'change', 3, 12, 10, '2026-03-16T10:30:00.000Z');
    spec.given([committed(order)]).when(commit(ahead)).thenThrows(SubscriptionChangedError);
  });

  it('refuses changes of an unknown or cancelled subscription and a second order', () => {
    spec.when(commit(grow)).thenThrows(SubscriptionNotFoundError);
    const cancel = tx('t-cancel', 'cancel', 1, 0, 10, '2026-03-16T11:00:00.000Z');
    spec.given([committed(order), committed(cancel)]).when(commit(tx('t-late', 'change', 2, 3, 10, '2026-03-16T12:00:00.000Z'))).thenThrows(SubscriptionAlreadyCancelledError);
    spec.given([committed(order)]).when(commit({ ...order, transactionId: 't-other' })).thenThrows(SubscriptionChangedError);
  });

  it('never lets a change take effect at or before the previous one', () => {
    spec.given([committed(order)]).when(commit({ ...grow, effectiveAt: order.effectiveAt })).thenThrows(Error);
  });

  it('adopts a subscription from before ledgers at the sequence the catalog reports, once', () => {
    const adopted = { ...subject, sequence: 4, quantity: 25, status: 'active' as const, unitPrice: '9.00' };
    const at = new Date('2026-03-16T08:00:00Z');
    spec.when({ type: 'AdoptSubscription', data: adopted, at }).then([{ type: 'SubscriptionLedgerAdopted', data: { ...adopted, adoptedAt: at.toISOString() } }]);
    const adoptedEvent: SubscriptionLedgerEvent = { type: 'SubscriptionLedgerAdopted', data: { ...adopted, adoptedAt: at.toISOString() } };
    spec.given([adoptedEvent]).when({ type: 'AdoptSubscription', data: adopted, at }).then([]);
    const next = tx('t-next', 'change', 5, 30, 25, '2026-03-16T09:00:00.000Z');
    spec.given([adoptedEvent]).when(commit(next)).then([committed(next)]);
  });

  it('keeps the quantity a cancelled subscription had', () => {
    const cancel = tx('t-cancel', 'cancel', 1, 0, 10, '2026-03-16T11:00:00.000Z');
    const state = [committed(order), committed(cancel)].reduce(subscriptionLedgerDecider.evolve, subscriptionLedgerDecider.initialState());
    expect(state).toMatchObject({ status: 'cancelled', quantity: 10, sequence: 1, lastEffectiveAt: cancel.effectiveAt, transactionIds: ['t-order', 't-cancel'] });
  });

  it('puts the next effective time after the last one', () => {
    expect(nextEffectiveAt(new Date('2026-03-16T09:00:00.000Z'), null)).toBe('2026-03-16T09:00:00.000Z');
    expect(nextEffectiveAt(new Date('2026-03-16T09:00:00.000Z'), '2026-03-16T08:59:59.000Z')).toBe('2026-03-16T09:00:00.000Z');
    expect(nextEffectiveAt(new Date('2026-03-16T09:00:00.000Z'), '2026-03-16T09:00:00.000Z')).toBe('2026-03-16T09:00:00.001Z');
    expect(nextEffectiveAt(new Date('2026-03-16T09:00:00.000Z'), '2026-03-16T09:00:05.000Z')).toBe('2026-03-16T09:00:05.001Z');
  });
});
