import type { Role } from '@broker/contracts';
import type { Decider } from '@broker/event-sourcing';
import type { UserEvent } from './user.events';
import { UserAlreadyExistsError, UserNotFoundError } from './user.errors';

export interface NewUser {
  userId: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  resellerId: string | null;
  organizationId: string | null;
}

export type UserCommand =
  | { type: 'RegisterUser'; data: NewUser; actorId: string; at: Date }
  | { type: 'DisableUser'; data: { userId: string }; actorId: string; at: Date }
  | { type: 'EnableUser'; data: { userId: string }; actorId: string; at: Date };

export type UserState =
  | { status: 'none' }
  | ({ status: 'active' | 'disabled' } & NewUser);

export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'RegisterUser':
        if (state.status !== 'none') throw new UserAlreadyExistsError(command.data.userId);
        return [{ type: 'UserRegistered', data: { ...command.data, registeredBy: command.actorId, registeredAt: command.at.toISOString() } }];
      case 'DisableUser':
        if (state.status === 'none') throw new UserNotFoundError(command.data.userId);
        if (state.status === 'disabled') return [];
        return [{ type: 'UserDisabled', data: { userId: command.data.userId, disabledBy: command.actorId, disabledAt: command.at.toISOString() } }];
      case 'EnableUser':
        if (state.status === 'none') throw new UserNotFoundError(command.data.userId);
        if (state.status === 'active') return [];
        return [{ type: 'UserEnabled', data: { userId: command.data.userId, enabledBy: command.actorId, enabledAt: command.at.toISOString() } }];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'UserRegistered': {
        const { registeredBy: _by, registeredAt: _at, ...user } = event.data;
        return { status: 'active', ...user };
      }
      case 'UserDisabled':
        return state.status === 'none' ? state : { ...state, status: 'disabled' };
      case 'UserEnabled':
        return state.status === 'none' ? state : { ...state, status: 'active' };
    }
  },
};
