import type { Role } from '@broker/contracts';

/**
 * Internal events of the identity service. Credentials never appear in events: password hashes are kept in the
 * service's credential store, and events only say that a password was set.
 */
export type UserEvent =
  | {
      type: 'UserRegistered';
      data: {
        userId: string;
        username: string;
        firstName: string;
        lastName: string;
        email: string;
        role: Role;
        resellerId: string | null;
        organizationId: string | null;
        registeredBy: string;
        registeredAt: string;
      };
    }
  | { type: 'UserDisabled'; data: { userId: string; disabledBy: string; disabledAt: string } }
  | { type: 'UserEnabled'; data: { userId: string; enabledBy: string; enabledAt: string } };

/** A username belongs to at most one user on the whole platform: its claim stream can be created once. */
export type UsernameClaimEvent = { type: 'UsernameClaimed'; data: { username: string; userId: string; claimedAt: string } };

export const userStreamId = (userId: string): string => `user-${userId}`;
