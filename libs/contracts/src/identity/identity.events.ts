import { event } from '../event-contract';
import type { Role } from '../auth/actor';

/** Integration events published by the identity service. Never carry passwords or hashes. */
export const IdentityEvents = {
  userRegistered: event<UserRegisteredV1>('identity.user-registered.v1'),
  userChanged: event<UserChangedV1>('identity.user-changed.v1'),
  userDisabled: event<UserStatusChangedV1>('identity.user-disabled.v1'),
  userEnabled: event<UserStatusChangedV1>('identity.user-enabled.v1'),
  userDeleted: event<UserDeletedV1>('identity.user-deleted.v1'),
} as const;

export interface UserRegisteredV1 {
  userId: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  resellerId: string | null;
  organizationId: string | null;
  registeredAt: string;
}

export interface UserChangedV1 {
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  resellerId: string | null;
  organizationId: string | null;
  changedAt: string;
}

export interface UserStatusChangedV1 {
  userId: string;
  resellerId: string | null;
  organizationId: string | null;
  at: string;
}

export interface UserDeletedV1 {
  userId: string;
  username: string;
  resellerId: string | null;
  organizationId: string | null;
  deletedAt: string;
}
