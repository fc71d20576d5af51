import { ORGANIZATION_ROLES, type Role } from '@broker/contracts';
import type { Decider } from '@broker/event-sourcing';
import type { UserEvent } from './user.events';
import { costCentreLabel } from './cost-centre-label';
import { CannotChangeOwnStatusError, RegistrationAbandonedError, UserAlreadyExistsError, UserNotFoundError, UserValidationError } from './user.errors';

export interface NewUser {
  userId: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  /** The user's cost centre label (see costCentreLabel); absent, null or blank: none. */
  costCentre?: string | null;
  resellerId: string | null;
  organizationId: string | null;
}

export interface UserDetailsChange {
  firstName?: string;
  lastName?: string;
  email?: string;
  role?: Role;
  /** Absent: unchanged; null or blank: none any more. */
  costCentre?: string | null;
}

type Command<Type extends string, Data> = { type: Type; data: Data; actorId: string; at: Date };

export type UserCommand =
  | Command<'RegisterUser', NewUser>
  | Command<'ChangeUserDetails', { userId: string } & UserDetailsChange>
  /** The new hash is stored apart from the stream; the event only records that the password was set. */
  | Command<'ChangePassword', { userId: string }>
  | Command<'DisableUser', { userId: string }>
  | Command<'EnableUser', { userId: string }>
  | Command<'DeleteUser', { userId: string }>
  /** Sign out everywhere: every session opened before this event ends (the sessions themselves are not touched). */
  | Command<'EndSessions', { userId: string }>
  /** Gives up a registration that never recorded its user (only when it did not: a recorded user answers 409). */
  | Command<'AbandonRegistration', { userId: string; username: string }>;

export type UserStatus = 'active' | 'disabled' | 'deleted';

/** A recorded user: its label is always known (null: none). */
export type UserDetails = NewUser & { costCentre: string | null };

export type UserState = { status: 'none' } | { status: 'abandoned' } | ({ status: UserStatus } & UserDetails);

/** A user that exists and is not deleted: the only kind anyone may read or change. */
export type ExistingUser = UserDetails & { status: 'active' | 'disabled' };

export function isExistingUser(state: UserState): state is ExistingUser {
  return state.status === 'active' || state.status === 'disabled';
}

export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    if (command.type === 'RegisterUser') {
      if (state.status === 'abandoned') throw new RegistrationAbandonedError(command.data.userId);
      if (state.status !== 'none') throw new UserAlreadyExistsError(command.data.userId);
      const costCentre = costCentreLabel(command.data.costCentre);
      if (costCentre !== null && command.data.organizationId === null) throw noCostCentreOutsideOrganizations();
      return [{ type: 'UserRegistered', data: { ...command.data, costCentre, registeredBy: command.actorId, registeredAt: command.at.toISOString() } }];
    }
    if (command.type === 'AbandonRegistration') {
      if (state.status === 'abandoned') return [];
      if (state.status !== 'none') throw new UserAlreadyExistsError(command.data.userId);
      const { userId, username } = command.data;
      return [{ type: 'UserRegistrationAbandoned', data: { userId, username, abandonedBy: command.actorId, abandonedAt: command.at.toISOString() } }];
    }
    if (!isExistingUser(state)) throw new UserNotFoundError(command.data.userId);
    const { userId, resellerId, organizationId } = state;
    const by = command.actorId;
    const at = command.at.toISOString();
    switch (command.type) {
      case 'ChangeUserDetails': {
        const { userId: _id, ...change } = command.data;
        const next = {
          firstName: change.firstName ?? state.firstName,
          lastName: change.lastName ?? state.lastName,
          email: change.email ?? state.email,
          role: change.role ?? state.role,
          costCentre: change.costCentre === undefined ? state.costCentre : costCentreLabel(change.costCentre),
        };
        if (organizationId !== null && !ORGANIZATION_ROLES.includes(next.role)) {
          throw new UserValidationError([{ field: 'role', message: `role must be one of ${ORGANIZATION_ROLES.join(', ')}` }]);
        }
        if (organizationId === null && next.role !== state.role) {
          throw new UserValidationError([{ field: 'role', message: 'the role of a reseller or platform user cannot be changed' }]);
        }
        if (organizationId === null && next.costCentre !== null) throw noCostCentreOutsideOrganizations();
        const unchanged =
          next.firstName === state.firstName && next.lastName === state.lastName && next.email === state.email && next.role === state.role && next.costCentre === state.costCentre;
        if (unchanged) return [];
        return [{ type: 'UserDetailsChanged', data: { userId, ...next, resellerId, organizationId, changedBy: by, changedAt: at } }];
      }
      case 'ChangePassword':
        return [{ type: 'UserPasswordChanged', data: { userId, resellerId, organizationId, changedBy: by, changedAt: at } }];
      case 'DisableUser':
        if (by === userId) throw new CannotChangeOwnStatusError('disable');
        if (state.status === 'disabled') return [];
        return [{ type: 'UserDisabled', data: { userId, resellerId, organizationId, disabledBy: by, disabledAt: at } }];
      case 'EnableUser':
        if (state.status === 'active') return [];
        return [{ type: 'UserEnabled', data: { userId, resellerId, organizationId, enabledBy: by, enabledAt: at } }];
      case 'DeleteUser':
        if (by === userId) throw new CannotChangeOwnStatusError('delete');
        return [{ type: 'UserDeleted', data: { userId, username: state.username, resellerId, organizationId, deletedBy: by, deletedAt: at } }];
      case 'EndSessions':
        return [{ type: 'UserSessionsEnded', data: { userId, resellerId, organizationId, endedBy: by, endedAt: at } }];
    }
  },

  evolve(state, event) {
    if (event.type === 'UserRegistrationAbandoned') return { status: 'abandoned' };
    if (event.type === 'UserRegistered') {
      const { userId, username, firstName, lastName, email, role, resellerId, organizationId } = event.data;
      return { status: 'active', userId, username, firstName, lastName, email, role, costCentre: event.data.costCentre ?? null, resellerId, organizationId };
    }
    if (state.status === 'none' || state.status === 'abandoned') return state;
    switch (event.type) {
      case 'UserDetailsChanged': {
        const { firstName, lastName, email, role } = event.data;
        return { ...state, firstName, lastName, email, role, costCentre: event.data.costCentre ?? null };
      }
      case 'UserPasswordChanged':
      case 'UserSessionsEnded':
        return state;
      case 'UserDisabled':
        return { ...state, status: 'disabled' };
      case 'UserEnabled':
        return { ...state, status: 'active' };
      case 'UserDeleted':
        return { ...state, status: 'deleted' };
    }
  },
};

/** Cost centres are an organization's; platform and reseller staff carry none. */
function noCostCentreOutsideOrganizations(): UserValidationError {
  return new UserValidationError([{ field: 'costCentre', message: 'only users of an organization carry a cost centre' }]);
}
