import { event } from '../event-contract';
import type { Role } from '../auth/actor';

/** Integration events published by the identity service. Never carry passwords or hashes. */
export const IdentityEvents = {
  userRegistered: event<UserRegisteredV1>('identity.user-registered.v1'),
  userChanged: event<UserChangedV1>('identity.user-changed.v1'),
  userDisabled: event<UserStatusChangedV1>('identity.user-disabled.v1'),
  userEnabled: event<UserStatusChangedV1>('identity.user-enabled.v1'),
  userDeleted: event<UserDeletedV1>('identity.user-deleted.v1'),
  signedIn: event<SignedInV1>('identity.signed-in.v1'),
  signInFailed: event<SignInFailedV1>('identity.sign-in-failed.v1'),
  passwordChanged: event<PasswordChangedV1>('identity.password-changed.v1'),
  signedOut: event<SignedOutV1>('identity.signed-out.v1'),
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

/**
 * A user signed in (a session opened). The envelope carries the user's tenant (both null for a platform admin).
 * The username is not in it: sign-ins are recorded by user id only (the user's registration names them).
 */
export interface SignedInV1 {
  userId: string;
  resellerId: string | null;
  organizationId: string | null;
  /** The client's address as the gateway saw it; null when it did not say. */
  clientAddress: string | null;
  at: string;
}

/**
 * Why a sign-in was refused. The caller got the same answer for the first three; `throttled`: too many failed
 * attempts, so the password was not even looked at.
 */
export type SignInFailureV1 = 'wrong_password' | 'unknown_user' | 'user_not_active' | 'throttled';

/**
 * A sign-in was refused. Names the user only when the username given is one (`userId`); the name as typed is never
 * published (nor recorded: it may be a password typed into the wrong field), and nothing else about the attempt
 * is. The envelope carries the user's tenant when the attempt was recorded with one; otherwise (always for an
 * unknown username) it is null, and only the platform sees the event.
 */
export interface SignInFailedV1 {
  /** Null: no user has the username given. */
  userId: string | null;
  reason: SignInFailureV1;
  clientAddress: string | null;
  at: string;
}

/** A user's password was set, by the user or by an admin (`changedBy`). Says nothing about the password. */
export interface PasswordChangedV1 {
  userId: string;
  changedBy: string;
  at: string;
}

/** A user signed out: of the session they were in or (`everywhere`) of every session they had. */
export interface SignedOutV1 {
  userId: string;
  everywhere: boolean;
  resellerId: string | null;
  organizationId: string | null;
  at: string;
}
