import { Inject, Injectable } from '@nestjs/common';
import { WrongExpectedRevisionError, type EventMetadata, type EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { isExistingUser, userDecider, type ExistingUser, type UserState } from '../domain/user.decider';
import { userStreamId, type UserEvent } from '../domain/user.events';
import { UserNotFoundError, UsernameTakenError } from '../domain/user.errors';
import { usernameClaimDecider, usernameClaimEventId, usernameClaimStreamId, type UsernameClaimCommand, type UsernameClaimEvent } from '../domain/username-claim.decider';

export { usernameClaimStreamId } from '../domain/username-claim.decider';

/** Reads users from their streams (always current, never a lagging read model) and keeps username claims. */
@Injectable()
export class UserRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(userId: string): Promise<UserState> {
    const events = await this.store.readStream(userStreamId(userId));
    return events.reduce((state, e) => userDecider.evolve(state, { type: e.type, data: e.data } as UserEvent), userDecider.initialState());
  }

  /** The user, or USER.NOT_FOUND when missing or deleted. */
  async loadExisting(userId: string): Promise<ExistingUser> {
    const state = await this.load(userId);
    if (!isExistingUser(state)) throw new UserNotFoundError(userId);
    return state;
  }

  /** The user id holding a username now, or null. Usernames compare case-insensitively. */
  async userIdOf(username: string): Promise<string | null> {
    const events = await this.store.readStream(usernameClaimStreamId(username));
    return events.reduce((state, e) => usernameClaimDecider.evolve(state, { type: e.type, data: e.data } as UsernameClaimEvent), usernameClaimDecider.initialState()).holder;
  }

  /** Who may not take this username: its holder, unless that user was deleted (and the release did not finish). */
  async blockingHolderOf(username: string): Promise<string | null> {
    const holder = await this.userIdOf(username);
    if (holder === null) return null;
    return (await this.load(holder)).status === 'deleted' ? null : holder;
  }

  /**
   * Claims a username for a user; USER.DUPLICATE_USERNAME when another user holds it. A name held by a deleted
   * user is released first (finishing a delete that stopped half-way). Safe to repeat for the same user.
   */
  async claimUsername(username: string, userId: string, metadata: EventMetadata, at: Date): Promise<void> {
    const holder = await this.userIdOf(username);
    if (holder !== null && holder !== userId && (await this.load(holder)).status === 'deleted') {
      await this.releaseUsername(username, holder, metadata, at);
    }
    try {
      await this.onClaim(username, { type: 'ClaimUsername', data: { username, userId }, at }, metadata);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw new UsernameTakenError(username);
      throw error;
    }
  }

  /** Frees a username held by this user, so a later claim appends at the stream's expected revision. */
  async releaseUsername(username: string, userId: string, metadata: EventMetadata, at: Date): Promise<void> {
    await this.onClaim(username, { type: 'ReleaseUsername', data: { username, userId }, at }, metadata);
  }

  /** Decides on the claim stream and appends at the revision it read (a concurrent claim then conflicts). */
  private async onClaim(username: string, command: UsernameClaimCommand, metadata: EventMetadata): Promise<void> {
    const streamId = usernameClaimStreamId(username);
    const recorded = await this.store.readStream(streamId);
    const state = recorded.reduce((s, e) => usernameClaimDecider.evolve(s, { type: e.type, data: e.data } as UsernameClaimEvent), usernameClaimDecider.initialState());
    const events = usernameClaimDecider.decide(command, state);
    if (events.length === 0) return;
    const expected = recorded.length > 0 ? recorded[recorded.length - 1]!.revision : 'no_stream';
    await this.store.appendToStream(streamId, events.map((event) => ({ id: usernameClaimEventId(event), type: event.type, data: event.data, metadata })), expected);
  }
}
