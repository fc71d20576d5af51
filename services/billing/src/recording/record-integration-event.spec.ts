import { CatalogEventTypes, IdentityEventTypes, OrganizationsEventTypes, type IntegrationEventEnvelope } from '@broker/contracts';
import { InMemoryEventStore } from '@broker/event-sourcing/testing';
import { IntegrationEventRecorder } from './integration-event-recorder';
import { recordingOf } from './record-integration-event';

const envelope = (type: string, data: Record<string, unknown>, id = 'msg-1'): IntegrationEventEnvelope => ({
  id, type, occurredAt: '2026-03-16T09:30:00.000Z', correlationId: 'corr-1', causationId: 'cause-1', resellerId: 'r-1', organizationId: 'o-1', data,
});
const subscription = {
  subscriptionId: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', productName: 'E3', billingFrequency: 'monthly',
  unitPrice: '10.50', unitCost: '8.00', currency: 'EUR', quantity: 10, effectiveAt: '2026-03-16T09:30:00.000Z', transactionId: 't-1',
};

describe('recording integration events as billing facts', () => {
  it('keeps a subscription fact in the organization stream under the envelope id, with the fields billing uses', () => {
    const recording = recordingOf(envelope(CatalogEventTypes.subscriptionQuantityChanged, { ...subscription, previousQuantity: 8, extra: 'ignored' }));
    expect(recording).toEqual({
      streamId: 'billing-organization-o-1',
      event: {
        id: 'msg-1', type: 'SubscriptionQuantityChanged', schemaVersion: 1, data: subscription,
        metadata: { correlationId: 'corr-1', causationId: 'msg-1', resellerId: 'r-1', organizationId: 'o-1', sourceEventType: CatalogEventTypes.subscriptionQuantityChanged, occurredAt: '2026-03-16T09:30:00.000Z' },
      },
    });
  });

  it('records organizations, resellers, licences and organization users; skips what billing does not need', () => {
    const org = { organizationId: 'o-1', resellerId: 'r-1', name: 'Contoso', primaryDomain: 'contoso.example', notificationEmail: 'it@contoso.example', billingStartDate: '2026-03-01', createdBy: 'u', createdAt: '2026-03-01T00:00:00Z' };
    expect(recordingOf(envelope(OrganizationsEventTypes.organizationCreated, org))?.event).toMatchObject({
      type: 'OrganizationRegistered', data: { organizationId: 'o-1', resellerId: 'r-1', name: 'Contoso', billingStartDate: '2026-03-01', createdAt: '2026-03-01T00:00:00Z' },
    });
    expect(recordingOf(envelope(OrganizationsEventTypes.resellerCreated, { resellerId: 'r-1', name: 'R', currency: 'SEK', notificationEmail: 'n', supportEmail: 's', createdAt: 't' }))).toMatchObject({
      streamId: 'billing-reseller-r-1', event: { type: 'ResellerRegistered', data: { resellerId: 'r-1', name: 'R', currency: 'SEK', registeredAt: 't' } },
    });
    expect(recordingOf(envelope(CatalogEventTypes.licencesAssigned, { subscriptionId: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', userIds: ['u-1'], previousUserIds: [], assignedAt: 't', assignedBy: 'u', reason: 'assigned', subscriptionRevision: 3 }))?.event.data).toEqual({
      subscriptionId: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', userIds: ['u-1'], assignedAt: 't', subscriptionRevision: 3,
    });
    const user = { userId: 'u-1', username: 'anna@contoso.example', firstName: 'A', lastName: 'B', email: 'e', role: 'org_user', resellerId: 'r-1', organizationId: 'o-1', registeredAt: 't' };
    expect(recordingOf(envelope(IdentityEventTypes.userRegistered, user))?.event).toMatchObject({ type: 'OrganizationUserRegistered', data: { userId: 'u-1', username: 'anna@contoso.example' } });
    expect(recordingOf(envelope(IdentityEventTypes.userRegistered, { ...user, role: 'reseller_admin', organizationId: null }))).toBeNull();
    expect(recordingOf(envelope(CatalogEventTypes.productCreated, {}))).toBeNull();
  });

  it('appends nothing twice when a message is delivered again', async () => {
    const store = new InMemoryEventStore();
    const recorder = new IntegrationEventRecorder(store);
    const message = envelope(CatalogEventTypes.subscriptionActivated, subscription);
    await recorder.record(message);
    await recorder.record(message);
    await recorder.record(envelope(CatalogEventTypes.subscriptionCancelled, subscription, 'msg-2'));
    expect((await store.readStream('billing-organization-o-1')).map((e) => [e.id, e.type])).toEqual([['msg-1', 'SubscriptionActivated'], ['msg-2', 'SubscriptionCancelled']]);
  });

  it('consumes from organizations, catalog and identity with one durable consumer each', () => {
    const consumers = new IntegrationEventRecorder(new InMemoryEventStore()).consumers();
    expect(consumers.map((c) => [c.name, c.from, Object.keys(c.handlers).length])).toEqual([
      ['record-organizations', 'organizations', 4], ['record-catalog', 'catalog', 4], ['record-identity', 'identity', 1],
    ]);
  });
});
