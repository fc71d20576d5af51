import type { RecordedEvent } from '@broker/event-sourcing';
import { subscriptionListProjection as projection, type SubscriptionListEntry } from './subscription-list.projection';
import { pageOfHeld, toListItem } from './subscription-page';

const facts = {
  subscriptionId: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', productName: 'E3', billingFrequency: 'monthly',
  unitPrice: '10.50', unitCost: '8.00', currency: 'EUR',
};
const at = '2026-03-16T09:00:00.000Z';
const recorded = (type: string, data: Record<string, unknown>, revision: bigint): RecordedEvent => ({
  id: `e-${revision}`, streamId: 'subscription-s-1', revision, position: { commit: revision, prepare: 0n }, type, schemaVersion: 1, data, metadata: {}, recordedAt: new Date(at),
});
const history = [
  recorded('SubscriptionActivated', { ...facts, quantity: 3, transactionId: 't-1', effectiveAt: at }, 0n),
  recorded('LicencesAssigned', { subscriptionId: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', userIds: ['u-a', 'u-b'], previousUserIds: [], assignedBy: 'u-1', assignedAt: at, reason: 'assigned' }, 1n),
  recorded('SubscriptionQuantityChanged', { ...facts, unitPrice: '11.00', quantity: 5, previousQuantity: 3, transactionId: 't-2', effectiveAt: 'later' }, 2n),
];
const replay = (events: RecordedEvent[]) => events.reduce<SubscriptionListEntry | null>((doc, e) => projection.evolve(doc, e), null);

describe('subscription list projection', () => {
  it('follows activation, holders and quantity changes', () => {
    expect(replay(history)).toEqual({
      id: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', productName: 'E3', quantity: 5, price: '11.00', currency: 'EUR',
      billingFrequency: 'monthly', status: 'active', startedAt: at, cancelledAt: null, assignedUserIds: ['u-a', 'u-b'],
    });
    const cancelled = projection.evolve(replay(history), recorded('SubscriptionCancelled', { ...facts, quantity: 5, transactionId: 't-3', effectiveAt: 'end' }, 3n));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledAt: 'end' });
    expect(projection.documentId(history[0]!)).toBe('s-1');
  });

  it('gives the same document when rebuilt from the same history, and is idempotent per event', () => {
    expect(replay(history)).toEqual(replay(history));
    const once = replay(history);
    expect(projection.evolve(once, history[2]!)).toEqual(once);
  });

  it('answers an org user only the subscriptions they hold, page by page, without the reseller', () => {
    const entry = (id: string, holders: string[]): SubscriptionListEntry => ({ ...replay(history)!, id, assignedUserIds: holders });
    const entries = [entry('s-1', ['u-a']), entry('s-2', ['u-b']), entry('s-3', ['u-a', 'u-b']), entry('s-4', ['u-a'])];
    const first = pageOfHeld(entries, 'u-a', 2);
    expect(first.items.map((i) => i.id)).toEqual(['s-1', 's-3']);
    expect(first.items[0]).not.toHaveProperty('resellerId');
    const second = pageOfHeld(entries, 'u-a', 2, first.nextCursor!);
    expect([second.items.map((i) => i.id), second.nextCursor]).toEqual([['s-4'], null]);
    expect(pageOfHeld(entries, 'u-z', 50)).toEqual({ items: [], nextCursor: null });
    expect(toListItem(entries[0]!)).not.toHaveProperty('resellerId');
  });
});
