import type { Decider } from '@broker/event-sourcing';
import type { SessionEndReason, SessionEvent } from './session.events';
import { userAllowsSession } from './session.rules';

export interface NewSession {
  sessionId: string;
  userId: string;
  userRevision: number;
  expiresAt: Date;
  sourceAddress: string;
  resellerId: string | null;
  organizationId: string | null;
}

export interface RefreshingUser {
  userId: string;
  active: boolean;
  sessionsEndedAt: number;
}

export type SessionCommand =
  | { type: 'OpenSession'; data: NewSession; at: Date }
  /**
   * A refresh token of the user `userId` and of `generation` is presented. The handler reads the user first:
   * whether they are active, and the revision of their last event that ended all their sessions.
   */
  | { type: 'RefreshSession'; data: { sessionId: string; generation: number; sourceAddress: string; user: RefreshingUser }; at: Date }
  | { type: 'EndSession'; data: { sessionId: string; reason: SessionEndReason }; at: Date };

export type SessionStatus = 'live' | 'ended' | 'revoked';

export type SessionState =
  | { status: 'none' }
  | {
      status: SessionStatus;
      sessionId: string;
      userId: string;
      generation: number;
      userRevision: number;
      expiresAt: string;
      resellerId: string | null;
      organizationId: string | null;
    };

/**
 * Refresh-token rotation with reuse detection. Each refresh spends the presented generation and issues the next;
 * a spent generation presented again revokes the session. Dead sessions (ended, revoked, expired, or their user's
 * sessions ended) decide nothing: the caller answers 401 whenever no SessionRefreshed comes out.
 */
export const sessionDecider: Decider<SessionCommand, SessionEvent, SessionState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    const at = command.at.toISOString();
    if (command.type === 'OpenSession') {
      if (state.status !== 'none') return [];
      const { expiresAt, ...session } = command.data;
      return [{ type: 'SessionOpened', data: { ...session, generation: 0, expiresAt: expiresAt.toISOString(), openedAt: at } }];
    }
    if (state.status !== 'live') return [];
    const { sessionId, userId, userRevision, expiresAt, resellerId, organizationId } = state;
    switch (command.type) {
      case 'RefreshSession': {
        const { generation, sourceAddress, user } = command.data;
        const userAllows = user.userId === userId && user.active && userAllowsSession(user.sessionsEndedAt, userRevision);
        if (!userAllows || command.at.getTime() >= Date.parse(expiresAt)) return [];
        if (generation < state.generation) {
          return [{ type: 'SessionFamilyRevoked', data: { sessionId, userId, reusedGeneration: generation, currentGeneration: state.generation, sourceAddress, resellerId, organizationId, revokedAt: at } }];
        }
        // A later generation than issued cannot be signed by anyone but this service: refuse it quietly.
        if (generation > state.generation) return [];
        const next = state.generation + 1;
        return [{ type: 'SessionRefreshed', data: { sessionId, userId, generation: next, userRevision, expiresAt, sourceAddress, resellerId, organizationId, refreshedAt: at } }];
      }
      case 'EndSession':
        return [{ type: 'SessionEnded', data: { sessionId, userId, reason: command.data.reason, resellerId, organizationId, endedAt: at } }];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'SessionOpened':
      case 'SessionRefreshed': {
        const { sessionId, userId, generation, userRevision, expiresAt, resellerId, organizationId } = event.data;
        return { status: 'live', sessionId, userId, generation, userRevision, expiresAt, resellerId, organizationId };
      }
      case 'SessionEnded':
        return state.status === 'none' ? state : { ...state, status: 'ended' };
      case 'SessionFamilyRevoked':
        return state.status === 'none' ? state : { ...state, status: 'revoked' };
    }
  },
};
