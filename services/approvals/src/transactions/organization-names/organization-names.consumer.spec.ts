import type { IntegrationEventEnvelope } from '@broker/contracts';
import { InMemoryDocumentStore } from '@broker/read-models/testing';
import { ORGANIZATION_NAMES, organizationNameHandlers, organizationNameOf } from './organization-names.consumer';

const envelope = (type: string, data: Record<string, unknown>): IntegrationEventEnvelope<never> =>
  ({ id: `m-${Math.random()}`, type, occurredAt: 't', correlationId: 'c', causationId: 'c', resellerId: 'r-1', organizationId: 'o-1', data }) as unknown as IntegrationEventEnvelope<never>;
const created = (name: string, createdAt: string) =>
  envelope('organizations.organization-created.v1', { organizationId: 'o-1', resellerId: 'r-1', name, primaryDomain: 'contoso.com', notificationEmail: 'it@contoso.com', billingStartDate: '2026-03-16', createdBy: 'u', createdAt });
const changed = (name: string, changedAt: string) => envelope('organizations.organization-changed.v1', { organizationId: 'o-1', resellerId: 'r-1', name, notificationEmail: 'it@contoso.com', changedBy: 'u', changedAt });

describe('organization names consumer', () => {
  let store: InMemoryDocumentStore;
  const apply = (message: IntegrationEventEnvelope<never>) => store.unitOfWork((uow) => organizationNameHandlers[message.type]!(message, uow));

  beforeEach(async () => {
    store = new InMemoryDocumentStore();
    await store.ensureCollection(ORGANIZATION_NAMES);
  });

  it('keeps the name from creation, then from each change', async () => {
    expect(await organizationNameOf(store, 'o-1')).toBeNull();
    await apply(created('Contoso', '2026-03-16T09:00:00.000Z'));
    expect(await organizationNameOf(store, 'o-1')).toBe('Contoso');
    await apply(changed('Contoso Group', '2026-03-16T10:00:00.000Z'));
    expect(await organizationNameOf(store, 'o-1')).toBe('Contoso Group');
  });

  it('never lets an older event, delivered late, overwrite a newer name', async () => {
    await apply(changed('Contoso Group', '2026-03-16T10:00:00.000Z'));
    await apply(created('Contoso', '2026-03-16T09:00:00.000Z'));
    await apply(changed('Contoso Old', '2026-03-16T09:30:00.000Z'));
    expect(await organizationNameOf(store, 'o-1')).toBe('Contoso Group');
  });
});
