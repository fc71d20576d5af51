import { Inject, Injectable } from '@nestjs/common';
import type { SessionUser } from '@broker/contracts';
import type { EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { userDecider } from '../../users/domain/user.decider';
import { userStreamId, type UserEvent } from '../../users/domain/user.events';
import { activeSessionUser } from '../session-user';
import { sessionsEndedAt } from './domain/session.rules';

/** A user as sessions see them: who they are now, and where their stream stands. */
export interface SessionAccount {
  /** Null when the user may not have a session (missing, disabled, deleted). */
  user: SessionUser | null;
  /** The user's stream revision at this read (-1 for no stream). */
  revision: number;
  /** The revision of the user's last event that ended all their sessions (-1 for none). */
  sessionsEndedAt: number;
}

/** Reads a user's stream once for both the user and the end of their sessions (always current, never a read model). */
@Injectable()
export class SessionUsers {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(userId: string): Promise<SessionAccount> {
    const events = await this.store.readStream(userStreamId(userId));
    const state = events.reduce((s, e) => userDecider.evolve(s, { type: e.type, data: e.data } as UserEvent), userDecider.initialState());
    return {
      user: activeSessionUser(state),
      revision: events.length > 0 ? Number(events[events.length - 1]!.revision) : -1,
      sessionsEndedAt: sessionsEndedAt(events),
    };
  }
}
