import { IdentityEvents, type EventContract, type IntegrationEventEnvelope } from '@broker/contracts';
import { InMemoryDocumentStore } from '@broker/read-models/testing';
import { ORGANIZATION_USER_COUNTS, ORGANIZATION_USER_MEMBERS, organizationUserCountHandlers, usersCountOf } from './organization-user-counts.consumer';

const envelope = <D extends { userId: string; organizationId: string | null }>(contract: EventContract<D>, data: NoInfer<D>): IntegrationEventEnvelope<D> =>
  ({ id: `${contract.type}-${data.userId}`, type: contract.type, occurredAt: 't', correlationId: 'c', causationId: 'c', resellerId: 'r-1', organizationId: data.organizationId, data });

const registered = (userId: string, organizationId: string | null) =>
  envelope(IdentityEvents.userRegistered, { userId, username: `${userId}@contoso.com`, firstName: 'A', lastName: 'B', email: 'a@b.example', role: 'org_user', resellerId: 'r-1', organizationId, registeredAt: 't' });
const deleted = (userId: string, organizationId: string | null) =>
  envelope(IdentityEvents.userDeleted, { userId, username: `${userId}@contoso.com`, resellerId: 'r-1', organizationId, deletedAt: 't' });

describe('organization user counts consumer', () => {
  let store: InMemoryDocumentStore;
  const apply = (message: IntegrationEventEnvelope<unknown>) =>
    store.unitOfWork((uow) => organizationUserCountHandlers[message.type]!(message as IntegrationEventEnvelope<never>, uow));

  beforeEach(async () => {
    store = new InMemoryDocumentStore();
    await store.ensureCollection(ORGANIZATION_USER_COUNTS);
    await store.ensureCollection(ORGANIZATION_USER_MEMBERS);
  });

  it('counts registered users per organization and uncounts deleted ones', async () => {
    await apply(registered('u-1', 'o-1'));
    await apply(registered('u-2', 'o-1'));
    await apply(registered('u-3', 'o-2'));
    expect(await usersCountOf(store, 'o-1')).toBe(2);
    expect(await usersCountOf(store, 'o-2')).toBe(1);
    await apply(deleted('u-1', 'o-1'));
    expect(await usersCountOf(store, 'o-1')).toBe(1);
    expect(await usersCountOf(store, 'o-9')).toBe(0);
  });

  it('ignores users of no organization, and counts a user once whatever the order of delivery', async () => {
    await apply(registered('admin', null));
    await apply(registered('u-1', 'o-1'));
    await apply(registered('u-1', 'o-1'));
    expect(await usersCountOf(store, 'o-1')).toBe(1);
    // A deletion that arrives before its registration leaves a tombstone; the late registration does not count.
    await apply(deleted('u-2', 'o-1'));
    await apply(registered('u-2', 'o-1'));
    await apply(deleted('u-1', 'o-1'));
    await apply(deleted('u-1', 'o-1'));
    expect(await usersCountOf(store, 'o-1')).toBe(0);
  });
});
