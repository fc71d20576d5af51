import { CatalogEvents, type IntegrationEventEnvelope } from '@broker/contracts';
import { integrationEnvelope } from '@broker/messaging/testing';
import { InMemoryDocumentStore } from '@broker/read-models/testing';
import { licenceAssignmentHandlers, SUBSCRIPTION_HOLDERS } from './licence-assignments.consumer';
import { servicesCountOf, USER_SERVICES_COUNT } from './user-services-count';

let sequence = 0;
const assigned = (subscriptionId: string, userIds: string[], previousUserIds: string[], subscriptionRevision: number) =>
  integrationEnvelope(
    CatalogEvents.licencesAssigned,
    { subscriptionId, resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', userIds, previousUserIds, assignedAt: 't', assignedBy: 'u-0', reason: 'assigned', subscriptionRevision },
    { id: `m-${sequence++}`, occurredAt: 't', correlationId: 'c', causationId: 'c', resellerId: 'r-1', organizationId: 'o-1' },
  );

describe('licence assignments consumer (servicesCount)', () => {
  let store: InMemoryDocumentStore;
  const apply = (message: IntegrationEventEnvelope<unknown>) =>
    store.unitOfWork((uow) => licenceAssignmentHandlers[message.type]!(message as IntegrationEventEnvelope<never>, uow));
  const counts = async (...userIds: string[]) => Promise.all(userIds.map((id) => servicesCountOf(store, id)));

  beforeEach(async () => {
    store = new InMemoryDocumentStore();
    await store.ensureCollection(USER_SERVICES_COUNT);
    await store.ensureCollection(SUBSCRIPTION_HOLDERS);
  });

  it('counts the subscriptions each user holds, across subscriptions', async () => {
    await apply(assigned('s-1', ['u-a', 'u-b'], [], 1));
    await apply(assigned('s-2', ['u-a'], [], 1));
    expect(await counts('u-a', 'u-b', 'u-c')).toEqual([2, 1, 0]);
  });

  it('moves a licence: the old holder loses it and the new holder gains it', async () => {
    await apply(assigned('s-1', ['u-a'], [], 1));
    await apply(assigned('s-1', ['u-b'], ['u-a'], 2));
    expect(await counts('u-a', 'u-b')).toEqual([0, 1]);
    await apply(assigned('s-1', [], ['u-b'], 3));
    expect(await counts('u-a', 'u-b')).toEqual([0, 0]);
  });

  it('ignores a repeated or late change of the same subscription', async () => {
    const first = assigned('s-1', ['u-a'], [], 1);
    await apply(first);
    await apply(assigned('s-1', ['u-b'], ['u-a'], 3));
    await apply(first);
    await apply(assigned('s-1', ['u-a', 'u-c'], ['u-a'], 2));
    expect(await counts('u-a', 'u-b', 'u-c')).toEqual([0, 1, 0]);
  });
});
