import { Inject, Injectable } from '@nestjs/common';
import { nameBasedId } from '@broker/contracts';
import type { EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { userDecider, type UserState } from '../domain/user.decider';
import { userStreamId, type UserEvent } from '../domain/user.events';

export const usernameClaimStreamId = (username: string): string => `username-${nameBasedId(`username:${username.toLowerCase()}`)}`;

/** Reads users from their streams: always current, never a lagging read model. */
@Injectable()
export class UserRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(userId: string): Promise<UserState> {
    const events = await this.store.readStream(userStreamId(userId));
    return events.reduce((state, e) => userDecider.evolve(state, { type: e.type, data: e.data } as UserEvent), userDecider.initialState());
  }

  /** The user id holding a username, or null. Usernames compare case-insensitively. */
  async userIdOf(username: string): Promise<string | null> {
    const [claim] = await this.store.readStream(usernameClaimStreamId(username), { maxCount: 1 });
    return claim ? String(claim.data.userId) : null;
  }
}
