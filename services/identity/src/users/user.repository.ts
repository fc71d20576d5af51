import { Inject, Injectable, Optional } from '@nestjs/common';
import { WrongExpectedRevisionError, type EventMetadata, type EventStore } from '@broker/event-sourcing';
import { EVENT_STORE, SERVICE_CONFIG } from '@broker/runtime';
import type { IdentityConfig } from '../identity.config';
import { isExistingUser, userDecider, type ExistingUser, type UserState } from './domain/user.decider';
import { userStreamId, type UserEvent } from './domain/user.events';
import { UserNotFoundError, UsernameTakenError } from './domain/user.errors';
import {
  usernameClaimDecider,
  usernameClaimEventId,
  usernameClaimStreamId,
  type UsernameClaimCommand,
  type UsernameClaimEvent,
  type UsernameClaimState,
} from './domain/username-claim.decider';

export { usernameClaimStreamId } from './domain/username-claim.decider';

/** A claim whose registration never recorded its user: given up already, or older than the claim deadline. */
export interface ForsakenClaim {
  username: string;
  userId: string;
  organizationId: string | null | undefined;
}

const DEFAULT_CLAIM_DEADLINE_MS = 60_000;

/** Reads users from their streams (always current, never a lagging read model) and keeps username claims. */
@Injectable()
export class UserRepository {
  private readonly claimDeadlineMs: number;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(SERVICE_CONFIG) config?: Pick<IdentityConfig, 'USERNAME_CLAIM_DEADLINE_MS'>,
  ) {
    this.claimDeadlineMs = config?.USERNAME_CLAIM_DEADLINE_MS ?? DEFAULT_CLAIM_DEADLINE_MS;
  }

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
    return (await this.claimOf(username)).holder;
  }

  async claimOf(username: string): Promise<UsernameClaimState> {
    const events = await this.store.readStream(usernameClaimStreamId(username));
    return events.reduce((state, e) => usernameClaimDecider.evolve(state, { type: e.type, data: e.data } as UsernameClaimEvent), usernameClaimDecider.initialState());
  }

  /**
   * Who may not take this username: its holder, unless that user was deleted (and the release did not finish) or
   * its registration never recorded the user and was given up or ran past the claim deadline.
   */
  async blockingHolderOf(username: string, at = new Date()): Promise<string | null> {
    const claim = await this.claimOf(username);
    if (claim.holder === null) return null;
    const holder = await this.load(claim.holder);
    if (holder.status === 'deleted' || this.isForsaken(claim, holder, at)) return null;
    return claim.holder;
  }

  /** The claim of this username when its registration will never record the user (see isForsaken), else null. */
  async forsakenClaimOf(username: string, at = new Date()): Promise<ForsakenClaim | null> {
    const claim = await this.claimOf(username);
    if (claim.holder === null) return null;
    if (!this.isForsaken(claim, await this.load(claim.holder), at)) return null;
    return { username: username.toLowerCase(), userId: claim.holder, organizationId: claim.organizationId };
  }

  /**
   * A registration in progress has claimed the name but not yet recorded its user; past the deadline (far longer
   * than any request takes) it is taken to have died. Giving it up is still fenced on the user's stream.
   */
  private isForsaken(claim: UsernameClaimState, holder: UserState, at: Date): boolean {
    if (holder.status === 'abandoned') return true;
    if (holder.status !== 'none') return false;
    const claimedAt = claim.claimedAt ? Date.parse(claim.claimedAt) : Number.NaN;
    return Number.isNaN(claimedAt) || at.getTime() - claimedAt >= this.claimDeadlineMs;
  }

  /**
   * Claims a username for a user; USER.DUPLICATE_USERNAME when another user holds it. A name held by a deleted
   * user is released first (finishing a delete that stopped half-way). Safe to repeat for the same user.
   */
  async claimUsername(username: string, userId: string, metadata: EventMetadata, at: Date, organizationId: string | null = null): Promise<void> {
    const holder = await this.userIdOf(username);
    if (holder !== null && holder !== userId && (await this.load(holder)).status === 'deleted') {
      await this.releaseUsername(username, holder, metadata, at);
    }
    try {
      await this.onClaim(username, { type: 'ClaimUsername', data: { username, userId, organizationId }, at }, metadata);
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
