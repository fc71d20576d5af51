import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { nextHolders, subscriptionDecider, type ApprovedTransaction, type ExistingSubscription } from './subscription.decider';
import type { SubscriptionEvent, SubscriptionFacts } from './subscription.events';
import { SubscriptionCancelledError, SubscriptionNotFoundError, TooManyAssigneesError } from './subscription.errors';

const spec = DeciderSpecification.for(subscriptionDecider);
const facts: SubscriptionFacts = {
  subscriptionId: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', productName: 'Microsoft 365 E3',
  billingFrequency: 'monthly', unitPrice: '10.50', unitCost: '8.00', currency: 'EUR',
};
const approvedAt = '2026-03-16T09:00:00.000Z';
const later = '2026-04-01T12:00:00.000Z';
const tx = (transactionType: ApprovedTransaction['transactionType'], quantity: number, fields: Partial<ApprovedTransaction> = {}) => ({
  type: 'ApplyApprovedTransaction' as const,
  data: { ...facts, transactionId: `t-${transactionType}-${quantity}`, transactionType, quantity, effectiveAt: later, sequence: null, ...fields },
});
const activated: SubscriptionEvent = { type: 'SubscriptionActivated', data: { ...facts, quantity: 3, transactionId: 't-order', effectiveAt: approvedAt } };
const assigned = (userIds: string[], previousUserIds: string[], reason: 'assigned' | 'quantity_decreased' | 'subscription_cancelled' = 'assigned', assignedBy = 'u-admin', assignedAt = approvedAt): SubscriptionEvent => ({
  type: 'LicencesAssigned',
  data: { subscriptionId: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', userIds, previousUserIds, assignedBy, assignedAt, reason },
});
const assign = (userIds: string[]) => ({ type: 'SetAssignments' as const, data: { subscriptionId: 's-1', userIds }, actorId: 'u-admin', at: new Date(approvedAt) });

describe('subscription decider: approved transactions', () => {
  it('activates a subscription on an approved order, effective at the approval time', () => {
    spec.when(tx('order', 3, { transactionId: 't-order', effectiveAt: approvedAt })).then([activated]);
  });

  it('applies each transaction once (a redelivered approval records nothing)', () => {
    spec.given([activated]).when(tx('order', 3, { transactionId: 't-order', effectiveAt: approvedAt })).then([]);
    const change = tx('change', 5);
    const changed: SubscriptionEvent = { type: 'SubscriptionQuantityChanged', data: { ...facts, quantity: 5, previousQuantity: 3, transactionId: change.data.transactionId, effectiveAt: later } };
    spec.given([activated]).when(change).then([changed]);
    spec.given([activated, changed]).when(change).then([]);
  });

  it('changes the quantity at the price and cost the change was approved with', () => {
    spec
      .given([activated])
      .when(tx('change', 4, { unitPrice: '11.00', unitCost: '8.50' }))
      .then([{ type: 'SubscriptionQuantityChanged', data: { ...facts, unitPrice: '11.00', unitCost: '8.50', quantity: 4, previousQuantity: 3, transactionId: 't-change-4', effectiveAt: later } }]);
  });

  it('on an approved decrease below the assigned users, unassigns the most recently assigned and records it', () => {
    const holders = assigned(['u-a', 'u-b', 'u-c'], []);
    spec
      .given([activated, holders])
      .when(tx('change', 1))
      .then([
        { type: 'SubscriptionQuantityChanged', data: { ...facts, quantity: 1, previousQuantity: 3, transactionId: 't-change-1', effectiveAt: later } },
        assigned(['u-a'], ['u-a', 'u-b', 'u-c'], 'quantity_decreased', 'system', later),
      ]);
    // Users kept at a move stay before those added: the one added last is the first to give up a licence.
    const moved = assigned(['u-a', 'u-c', 'u-d'], ['u-a', 'u-b', 'u-c']);
    spec
      .given([activated, holders, moved])
      .when(tx('change', 2))
      .then([
        { type: 'SubscriptionQuantityChanged', data: { ...facts, quantity: 2, previousQuantity: 3, transactionId: 't-change-2', effectiveAt: later } },
        assigned(['u-a', 'u-c'], ['u-a', 'u-c', 'u-d'], 'quantity_decreased', 'system', later),
      ]);
  });

  it('cancels an active subscription and frees its licences', () => {
    spec
      .given([activated, assigned(['u-a'], [])])
      .when(tx('cancel', 0))
      .then([
        { type: 'SubscriptionCancelled', data: { ...facts, quantity: 3, transactionId: 't-cancel-0', effectiveAt: later } },
        assigned([], ['u-a'], 'subscription_cancelled', 'system', later),
      ]);
    spec.given([activated]).when(tx('cancel', 0)).then([{ type: 'SubscriptionCancelled', data: { ...facts, quantity: 3, transactionId: 't-cancel-0', effectiveAt: later } }]);
  });

  it('applies nothing it cannot: a change or cancel of an unknown or cancelled subscription, a second order, another organization', () => {
    const cancelled: SubscriptionEvent = { type: 'SubscriptionCancelled', data: { ...facts, quantity: 3, transactionId: 't-x', effectiveAt: later } };
    spec.when(tx('change', 2)).then([]);
    spec.when(tx('cancel', 0)).then([]);
    spec.given([activated, cancelled]).when(tx('change', 2)).then([]);
    spec.given([activated, cancelled]).when(tx('cancel', 0, { transactionId: 't-y' })).then([]);
    spec.given([activated]).when(tx('order', 2, { transactionId: 't-other' })).then([]);
    spec.given([activated]).when(tx('change', 2, { organizationId: 'o-2' })).then([]);
  });
});

describe('subscription decider: the order of approval', () => {
  const t = (sequence: number, transactionType: ApprovedTransaction['transactionType'], quantity: number) =>
    tx(transactionType, quantity, { transactionId: `t-${sequence}`, sequence, effectiveAt: `2026-03-16T09:00:0${sequence}.000Z` });
  const apply = (events: SubscriptionEvent[], command: ReturnType<typeof t>) => [...events, ...subscriptionDecider.decide(command, events.reduce(subscriptionDecider.evolve, subscriptionDecider.initialState()))];
  const stateOf = (events: SubscriptionEvent[]) => events.reduce(subscriptionDecider.evolve, subscriptionDecider.initialState());
  const quantities = (events: SubscriptionEvent[]) => events.filter((e) => e.type !== 'ApprovedTransactionHeld' && e.type !== 'LicencesAssigned').map((e) => [e.type, (e.data as { sequence?: number }).sequence, (e.data as { quantity: number }).quantity]);

  it('holds a transaction that arrives before one approved earlier, and applies both in order when that one comes', () => {
    let events = apply([], t(0, 'order', 3));
    events = apply(events, t(2, 'change', 9));
    expect(events[events.length - 1]).toMatchObject({ type: 'ApprovedTransactionHeld', data: { transactionId: 't-2', sequence: 2 } });
    expect(stateOf(events)).toMatchObject({ quantity: 3, sequence: 0 });
    events = apply(events, t(1, 'change', 5));
    expect(quantities(events)).toEqual([
      ['SubscriptionActivated', 0, 3],
      ['SubscriptionQuantityChanged', 1, 5],
      ['SubscriptionQuantityChanged', 2, 9],
    ]);
    expect(stateOf(events)).toMatchObject({ quantity: 9, sequence: 2, held: [] });
    expect(events.find((e) => e.type === 'SubscriptionQuantityChanged' && e.data.sequence === 2)).toMatchObject({ data: { previousQuantity: 5 } });
  });

  it('whatever the order and however often they arrive, ends where the approvals put it', () => {
    const approvals = [t(0, 'order', 3), t(1, 'change', 5), t(2, 'change', 2), t(3, 'change', 7), t(4, 'cancel', 0)];
    const orders = [
      [4, 3, 2, 1, 0],
      [2, 0, 4, 1, 3],
      [1, 1, 0, 3, 3, 2, 4, 0],
    ];
    for (const order of orders) {
      const events = order.reduce<SubscriptionEvent[]>((acc, i) => apply(acc, approvals[i]!), []);
      expect(quantities(events)).toEqual([
        ['SubscriptionActivated', 0, 3],
        ['SubscriptionQuantityChanged', 1, 5],
        ['SubscriptionQuantityChanged', 2, 2],
        ['SubscriptionQuantityChanged', 3, 7],
        ['SubscriptionCancelled', 4, 7],
      ]);
      expect(stateOf(events)).toMatchObject({ status: 'cancelled', sequence: 4, held: [] });
    }
  });

  it('applies a transaction once, held or applied, and never one from before the last applied', () => {
    const events = apply(apply([], t(0, 'order', 3)), t(2, 'change', 9));
    expect(subscriptionDecider.decide(t(2, 'change', 9), stateOf(events))).toEqual([]);
    const applied = apply(apply(events, t(1, 'change', 5)), t(1, 'change', 5));
    expect(quantities(applied)).toHaveLength(3);
    expect(subscriptionDecider.decide({ ...t(1, 'change', 4), data: { ...t(1, 'change', 4).data, transactionId: 't-other' } }, stateOf(applied))).toEqual([]);
  });

  it('counts the sequence of events from before sequences by their rank', () => {
    const change: SubscriptionEvent = { type: 'SubscriptionQuantityChanged', data: { ...facts, quantity: 5, previousQuantity: 3, transactionId: 't-old', effectiveAt: later } };
    expect(stateOf([activated, change])).toMatchObject({ sequence: 1 });
    expect(subscriptionDecider.decide(t(2, 'change', 8), stateOf([activated, change]))).toMatchObject([{ type: 'SubscriptionQuantityChanged', data: { sequence: 2, quantity: 8, previousQuantity: 5 } }]);
  });
});

describe('subscription decider: assignments', () => {
  it('assigns, unassigns and moves licences as one "set to"', () => {
    spec.given([activated]).when(assign(['u-a', 'u-b'])).then([assigned(['u-a', 'u-b'], [])]);
    spec.given([activated, assigned(['u-a', 'u-b'], [])]).when(assign(['u-b'])).then([assigned(['u-b'], ['u-a', 'u-b'])]);
    spec.given([activated, assigned(['u-a', 'u-b'], [])]).when(assign(['u-c', 'u-b'])).then([assigned(['u-b', 'u-c'], ['u-a', 'u-b'])]);
  });

  it('records nothing when the holders are already so, whatever the order given; duplicates count once', () => {
    spec.given([activated, assigned(['u-a', 'u-b'], [])]).when(assign(['u-b', 'u-a', 'u-a'])).then([]);
    spec.given([activated]).when(assign([])).then([]);
  });

  it('never gives licences to more users than the quantity', () => {
    spec
      .given([activated])
      .when(assign(['u-a', 'u-b', 'u-c', 'u-d']))
      .thenThrows(TooManyAssigneesError, (e) => e.code === 'VALIDATION' && e.errors[0]!.field === 'userIds' && /At most 3 users/.test(e.message));
    spec.given([activated]).when(assign(['u-a', 'u-b', 'u-c', 'u-c'])).then([assigned(['u-a', 'u-b', 'u-c'], [])]);
  });

  it('refuses assignments of an unknown or cancelled subscription', () => {
    spec.when(assign(['u-a'])).thenThrows(SubscriptionNotFoundError);
    const cancelled: SubscriptionEvent = { type: 'SubscriptionCancelled', data: { ...facts, quantity: 3, transactionId: 't-x', effectiveAt: later } };
    spec.given([activated, cancelled]).when(assign(['u-a'])).thenThrows(SubscriptionCancelledError);
  });
});

describe('subscription decider: state', () => {
  it('evolves the quantity, price, holders and status', () => {
    const events: SubscriptionEvent[] = [
      activated,
      assigned(['u-a', 'u-b'], []),
      { type: 'SubscriptionQuantityChanged', data: { ...facts, unitPrice: '11.00', quantity: 5, previousQuantity: 3, transactionId: 't-2', effectiveAt: later } },
    ];
    const state = events.reduce(subscriptionDecider.evolve, subscriptionDecider.initialState()) as ExistingSubscription;
    expect(state).toEqual({
      ...facts, unitPrice: '11.00', status: 'active', quantity: 5, startedAt: approvedAt, cancelledAt: null, assignedUserIds: ['u-a', 'u-b'], appliedTransactionIds: ['t-order', 't-2'],
      sequence: 1, held: [],
    });
    expect(nextHolders(state, ['u-c', 'u-a'])).toEqual(['u-a', 'u-c']);
  });
});
