import type { Role } from '@broker/contracts';

/** The user's tenant, copied onto every event so each one can be published and projected on its own. */
interface Tenant {
  resellerId: string | null;
  organizationId: string | null;
}

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
        /** The user's cost centre label (orders default to it); absent in events recorded before users had one: none. */
        costCentre?: string | null;
        resellerId: string | null;
        organizationId: string | null;
        registeredBy: string;
        registeredAt: string;
      };
    }
  /** The editable fields after the change (all of them, whichever changed); costCentre is absent in events from before it. */
  | {
      type: 'UserDetailsChanged';
      data: { userId: string; firstName: string; lastName: string; email: string; role: Role; costCentre?: string | null; changedBy: string; changedAt: string } & Tenant;
    }
  | { type: 'UserPasswordChanged'; data: { userId: string; changedBy: string; changedAt: string } & Partial<Tenant> }
  | { type: 'UserDisabled'; data: { userId: string; disabledBy: string; disabledAt: string } & Partial<Tenant> }
  | { type: 'UserEnabled'; data: { userId: string; enabledBy: string; enabledAt: string } & Partial<Tenant> }
  | { type: 'UserDeleted'; data: { userId: string; username: string; deletedBy: string; deletedAt: string } & Tenant }
  /** Every session the user opened before this event has ended (sign out everywhere). */
  | { type: 'UserSessionsEnded'; data: { userId: string; endedBy: string; endedAt: string } & Tenant }
  /**
   * A registration that claimed its username but never recorded the user, given up for good (by its own request
   * after a failure, or by whoever finds its claim past the deadline). Appended where UserRegistered would go, so
   * exactly one of the two wins; the user id is never used again.
   */
  | { type: 'UserRegistrationAbandoned'; data: { userId: string; username: string; abandonedBy: string; abandonedAt: string } };

export type UserEventType = UserEvent['type'];

export const userStreamId = (userId: string): string => `user-${userId}`;
