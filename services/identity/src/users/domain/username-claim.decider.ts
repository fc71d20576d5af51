import { nameBasedId } from '@broker/contracts';
import type { Decider } from '@broker/event-sourcing';
import { UsernameTakenError } from './user.errors';

/**
 * A username belongs to at most one user on the whole platform. Its claim stream (`username-<id of the name>`)
 * holds who claimed it and who released it; a claim appends at the stream's current revision, so two users
 * claiming the same free name at once cannot both succeed.
 */
export type UsernameClaimEvent =
  /** organizationId: the claimant's organization (null for platform and reseller users; absent on older claims). */
  | { type: 'UsernameClaimed'; data: { username: string; userId: string; organizationId?: string | null; claimedAt: string } }
  | { type: 'UsernameReleased'; data: { username: string; userId: string; releasedAt: string } };

export type UsernameClaimCommand =
  | { type: 'ClaimUsername'; data: { username: string; userId: string; organizationId?: string | null }; at: Date }
  | { type: 'ReleaseUsername'; data: { username: string; userId: string }; at: Date };

export interface UsernameClaimState {
  holder: string | null;
  /** Of the holder's claim, when there is one. */
  claimedAt?: string;
  organizationId?: string | null;
}

export const usernameClaimDecider: Decider<UsernameClaimCommand, UsernameClaimEvent, UsernameClaimState> = {
  initialState: () => ({ holder: null }),

  decide(command, state) {
    const { username, userId } = command.data;
    switch (command.type) {
      case 'ClaimUsername':
        if (state.holder === userId) return [];
        if (state.holder !== null) throw new UsernameTakenError(username);
        return [{ type: 'UsernameClaimed', data: { username, userId, organizationId: command.data.organizationId ?? null, claimedAt: command.at.toISOString() } }];
      case 'ReleaseUsername':
        if (state.holder !== userId) return [];
        return [{ type: 'UsernameReleased', data: { username, userId, releasedAt: command.at.toISOString() } }];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'UsernameClaimed':
        return { holder: event.data.userId, claimedAt: event.data.claimedAt, organizationId: event.data.organizationId };
      case 'UsernameReleased':
        return state.holder === event.data.userId ? { holder: null } : state;
    }
  },
};

export const usernameClaimStreamId = (username: string): string => `username-${nameBasedId(`username:${username.toLowerCase()}`)}`;

/** One claim and one release per user: a retried step appends nothing twice. */
export const usernameClaimEventId = (event: UsernameClaimEvent): string =>
  nameBasedId(`${event.type === 'UsernameClaimed' ? 'username-claim' : 'username-release'}:${event.data.userId}`);
