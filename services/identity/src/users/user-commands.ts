import { Inject, Injectable } from '@nestjs/common';
import { handleCommand, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE } from '@broker/runtime';
import { AccessRevocations } from '../access-revocations/access-revocations';
import { userDecider, type UserCommand, type UserState } from './domain/user.decider';
import { userStreamId } from './domain/user.events';

/** User events that may end every session of the user (a details change only when the role changed). */
const SESSION_ENDING_EVENTS: ReadonlySet<string> = new Set(['UserPasswordChanged', 'UserDisabled', 'UserDeleted', 'UserSessionsEnded', 'UserDetailsChanged']);

/** Runs a command on a user's stream, with the actor and the user's own tenant in the events' metadata. */
@Injectable()
export class UserCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly revocations: AccessRevocations,
  ) {}

  async execute(actor: { userId: string }, user: { userId: string; resellerId: string | null; organizationId: string | null }, command: UserCommand): Promise<UserState> {
    // A concurrent change of the same user (an edit while a bulk disable runs) is decided again on the new state.
    const result = await handleCommand(this.store, userStreamId(user.userId), userDecider, command, { metadata: commandMetadata(actor, user), retries: 2 });
    // A change that may end the user's sessions reaches the gateways before it is answered (ADR 0035); so does a
    // replay, whose first attempt may have stopped before writing it.
    if (result.newEvents.length === 0 || result.newEvents.some((event) => SESSION_ENDING_EVENTS.has(event.type))) await this.revocations.userChanged(user.userId);
    return result.newState;
  }
}
