import { OrganizationsEvents, type EventContract, type IntegrationEventEnvelope } from '@broker/contracts';
import { InMemoryDocumentStore } from '@broker/read-models/testing';
import { ORGANIZATION_NAMES, organizationNameHandlers, organizationNameOf } from './organization-names.consumer';

const envelope = <D>(contract: EventContract<D>, data: NoInfer<D>): IntegrationEventEnvelope<D> =>
  ({ id: `m-${Math.random()}`, type: contract.type, occurredAt: 't', correlationId: 'c', causationId: 'c', resellerId: 'r-1', organizationId: 'o-1', data });
const created = (name: string, createdAt: string) =>
  envelope(OrganizationsEvents.organizationCreated, { organizationId: 'o-1', resellerId: 'r-1', name, primaryDomain: 'contoso.com', notificationEmail: 'it@contoso.com', billingStartDate: '2026-03-16', createdBy: 'u', createdAt });
const changed = (name: string, changedAt: string) => envelope(OrganizationsEvents.organizationChanged, { organizationId: 'o-1', resellerId: 'r-1', name, notificationEmail: 'it@contoso.com', changedBy: 'u', changedAt });

describe('organization names consumer', () => {
  let store: InMemoryDocumentStore;
  const apply = (message: IntegrationEventEnvelope<unknown>) =>
    store.unitOfWork((uow) => organizationNameHandlers[message.type]!(message as IntegrationEventEnvelope<never>, uow));

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
