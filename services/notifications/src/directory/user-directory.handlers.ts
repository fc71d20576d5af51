import { IdentityEventTypes, type IntegrationEventEnvelope, type UserChangedV1, type UserDeletedV1, type UserRegisteredV1 } from '@broker/contracts';
import type { IntegrationEventHandlers } from '@broker/messaging';
import { learn, USER_DIRECTORY, type UserFacts } from './directory';

/** Names and contact e-mails of users, from identity's events. */
export const userDirectoryHandlers: IntegrationEventHandlers = {
  [IdentityEventTypes.userRegistered]: async ({ data }: IntegrationEventEnvelope<UserRegisteredV1>, uow) => {
    const { userId, username, firstName, lastName, email, role, resellerId, organizationId, registeredAt } = data;
    await learn<UserFacts>(uow, USER_DIRECTORY, userId, { userId, username, firstName, lastName, email, role, resellerId, organizationId }, registeredAt);
  },
  [IdentityEventTypes.userChanged]: async ({ data }: IntegrationEventEnvelope<UserChangedV1>, uow) => {
    const { userId, firstName, lastName, email, role, changedAt } = data;
    await learn<UserFacts>(uow, USER_DIRECTORY, userId, { userId, firstName, lastName, email, role }, changedAt);
  },
  [IdentityEventTypes.userDeleted]: async ({ data }: IntegrationEventEnvelope<UserDeletedV1>, uow) => {
    await learn<UserFacts>(uow, USER_DIRECTORY, data.userId, { userId: data.userId, username: data.username, deleted: true }, data.deletedAt);
  },
};
