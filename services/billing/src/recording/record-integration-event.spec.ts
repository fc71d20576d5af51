import {
  CatalogEvents,
  IdentityEvents,
  OrganizationsEvents,
  type EventContract,
  type IntegrationEventEnvelope,
  type SubscriptionFactsV1,
  type UserRegisteredV1,
} from '@broker/contracts';
import { InMemoryEventStore } from '@broker/event-sourcing/testing';
import { combineEventHandlers } from '@broker/messaging';
import type { UnitOfWork } from '@broker/read-models';
import { IntegrationEventRecorder } from './integration-event-recorder';
import { RECORDED_EVENTS, type RecordedEvent, type Recording } from './record-integration-event';

const envelope = <TData>(contract: EventContract<TData>, data: TData, id = 'msg-1'): IntegrationEventEnvelope<TData> => ({
  id, type: contract.type, occurredAt: '2026-03-16T09:30:00.000Z', correlationId: 'corr-1', causationId: 'cause-1', resellerId: 'r-1', organizationId: 'o-1', data,
});
const subscription: SubscriptionFactsV1 = {
  subscriptionId: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', productName: 'E3', billingFrequency: 'monthly',
  unitPrice: '10.50', unitCost: '8.00', currency: 'EUR', quantity: 10, effectiveAt: '2026-03-16T09:30:00.000Z', transactionId: 't-1',
};

/** What billing records of an event; null when it records nothing, or does not consume the event at all. */
function recordingOf<TData>(contract: EventContract<TData>, data: TData): Recording | null {
  const all: readonly { contract: unknown }[] = Object.values(RECORDED_EVENTS).flat();
  // Found by its contract, so it is the one built for TData.
  const recorded = all.find((candidate) => candidate.contract === contract) as RecordedEvent<TData> | undefined;
  return recorded?.recordingOf(envelope(contract, data)) ?? null;
}

describe('recording integration events as billing facts', () => {
  it('keeps a subscription fact in the organization stream under the envelope id, with the fields billing uses', () => {
    const published = { ...subscription, previousQuantity: 8, extra: 'ignored' };
    const recording = recordingOf(CatalogEvents.subscriptionQuantityChanged, published);
    expect(recording).toEqual({
      streamId: 'billing-organization-o-1',
      event: {
        id: 'msg-1', type: 'SubscriptionQuantityChanged', schemaVersion: 1, data: subscription,
        metadata: { correlationId: 'corr-1', causationId: 'msg-1', resellerId: 'r-1', organizationId: 'o-1', sourceEventType: CatalogEvents.subscriptionQuantityChanged.type, occurredAt: '2026-03-16T09:30:00.000Z' },
      },
    });
  });

  it('records organizations, resellers, licences and organization users; skips what billing does not need', () => {
    const org = { organizationId: 'o-1', resellerId: 'r-1', name: 'Contoso', primaryDomain: 'contoso.example', notificationEmail: 'it@contoso.example', billingStartDate: '2026-03-01', createdBy: 'u', createdAt: '2026-03-01T00:00:00Z' };
    expect(recordingOf(OrganizationsEvents.organizationCreated, org)?.event).toMatchObject({
      type: 'OrganizationRegistered', data: { organizationId: 'o-1', resellerId: 'r-1', name: 'Contoso', billingStartDate: '2026-03-01', createdAt: '2026-03-01T00:00:00Z' },
    });
    expect(recordingOf(OrganizationsEvents.resellerCreated, { resellerId: 'r-1', name: 'R', currency: 'SEK', notificationEmail: 'n', supportEmail: 's', createdAt: 't' })).toMatchObject({
      streamId: 'billing-reseller-r-1', event: { type: 'ResellerRegistered', data: { resellerId: 'r-1', name: 'R', currency: 'SEK', registeredAt: 't' } },
    });
    expect(recordingOf(CatalogEvents.licencesAssigned, { subscriptionId: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', userIds: ['u-1'], previousUserIds: [], assignedAt: 't', assignedBy: 'u', reason: 'assigned', subscriptionRevision: 3 })?.event.data).toEqual({
      subscriptionId: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', userIds: ['u-1'], assignedAt: 't', subscriptionRevision: 3,
    });
    const user: UserRegisteredV1 = { userId: 'u-1', username: 'anna@contoso.example', firstName: 'A', lastName: 'B', email: 'e', role: 'org_user', resellerId: 'r-1', organizationId: 'o-1', registeredAt: 't' };
    expect(recordingOf(IdentityEvents.userRegistered, user)?.event).toMatchObject({ type: 'OrganizationUserRegistered', data: { userId: 'u-1', username: 'anna@contoso.example' } });
    expect(recordingOf(IdentityEvents.userRegistered, { ...user, role: 'reseller_admin', organizationId: null })).toBeNull();
    expect(recordingOf(CatalogEvents.productCreated, { ...subscription, sku: 'E3', vendor: 'V', name: 'E3', description: '', price: '1', cost: '1', createdBy: 'u', createdAt: 't' })).toBeNull();
  });

  it('appends nothing twice when a message is delivered again', async () => {
    const store = new InMemoryEventStore();
    const handlers = combineEventHandlers(new IntegrationEventRecorder(store).consumers().map((consumer) => consumer.handlers));
    const deliver = async <TData>(message: IntegrationEventEnvelope<TData>) =>
      handlers[message.type]!(message as IntegrationEventEnvelope<never>, undefined as unknown as UnitOfWork);
    const message = envelope(CatalogEvents.subscriptionActivated, subscription);
    await deliver(message);
    await deliver(message);
    await deliver(envelope(CatalogEvents.subscriptionCancelled, subscription, 'msg-2'));
    expect((await store.readStream('billing-organization-o-1')).map((e) => [e.id, e.type])).toEqual([['msg-1', 'SubscriptionActivated'], ['msg-2', 'SubscriptionCancelled']]);
  });

  it('consumes from organizations, catalog and identity with one durable consumer each', () => {
    const consumers = new IntegrationEventRecorder(new InMemoryEventStore()).consumers();
    expect(consumers.map((c) => [c.name, c.from, Object.keys(c.handlers).length])).toEqual([
      ['record-organizations', 'organizations', 4], ['record-catalog', 'catalog', 4], ['record-identity', 'identity', 1],
    ]);
  });
});
