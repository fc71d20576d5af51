import { IdentityEvents } from '@broker/contracts';
import { eventHandlers, on } from '@broker/messaging';
import { learn, USER_DIRECTORY, type UserFacts } from './directory';

/** Names and contact e-mails of users, from identity's events. */
export const userDirectoryHandlers = eventHandlers(
  on(IdentityEvents.userRegistered, async ({ data }, uow) => {
    const { userId, username, firstName, lastName, email, role, resellerId, organizationId, registeredAt } = data;
    await learn<UserFacts>(uow, USER_DIRECTORY, userId, { userId, username, firstName, lastName, email, role, resellerId, organizationId }, registeredAt);
  }),
  on(IdentityEvents.userChanged, async ({ data }, uow) => {
    const { userId, firstName, lastName, email, role, changedAt } = data;
    await learn<UserFacts>(uow, USER_DIRECTORY, userId, { userId, firstName, lastName, email, role }, changedAt);
  }),
  on(IdentityEvents.userDeleted, async ({ data }, uow) => {
    await learn<UserFacts>(uow, USER_DIRECTORY, data.userId, { userId: data.userId, username: data.username, deleted: true }, data.deletedAt);
  }),
);
