import type { Decider } from '@broker/event-sourcing';
import type { ResellerEvent } from './reseller.events';
import { ResellerAlreadyExistsError, ResellerNotFoundError } from './reseller.errors';

export type ResellerCommand =
  | {
      type: 'CreateReseller';
      data: { resellerId: string; name: string; currency: string; notificationEmail: string; supportEmail: string };
      actorId: string;
      at: Date;
    }
  | {
      type: 'ChangeResellerProperties';
      data: { resellerId: string; notificationEmail: string; supportEmail: string };
      actorId: string;
      at: Date;
    };

export type ResellerState =
  | { status: 'none' }
  | {
      status: 'active';
      id: string;
      name: string;
      currency: string;
      notificationEmail: string;
      supportEmail: string;
    };

export const resellerDecider: Decider<ResellerCommand, ResellerEvent, ResellerState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'CreateReseller': {
        if (state.status !== 'none') throw new ResellerAlreadyExistsError(command.data.resellerId);
        return [{ type: 'ResellerCreated', data: { ...command.data, createdBy: command.actorId, createdAt: command.at.toISOString() } }];
      }
      case 'ChangeResellerProperties': {
        if (state.status === 'none') throw new ResellerNotFoundError(command.data.resellerId);
        if (state.notificationEmail === command.data.notificationEmail && state.supportEmail === command.data.supportEmail) return [];
        return [{ type: 'ResellerPropertiesChanged', data: { ...command.data, changedBy: command.actorId, changedAt: command.at.toISOString() } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ResellerCreated':
        return {
          status: 'active',
          id: event.data.resellerId,
          name: event.data.name,
          currency: event.data.currency,
          notificationEmail: event.data.notificationEmail,
          supportEmail: event.data.supportEmail,
        };
      case 'ResellerPropertiesChanged':
        if (state.status === 'none') return state;
        return { ...state, notificationEmail: event.data.notificationEmail, supportEmail: event.data.supportEmail };
    }
  },
};
