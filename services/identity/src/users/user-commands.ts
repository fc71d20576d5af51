import { Inject, Injectable } from '@nestjs/common';
import { handleCommand, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE } from '@broker/runtime';
import { userDecider, type UserCommand, type UserState } from './domain/user.decider';
import { userStreamId } from './domain/user.events';

/** Runs a command on a user's stream, with the actor and the user's own tenant in the events' metadata. */
@Injectable()
export class UserCommands {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(actor: { userId: string }, user: { userId: string; resellerId: string | null; organizationId: string | null }, command: UserCommand): Promise<UserState> {
    // A concurrent change of the same user (an edit while a bulk disable runs) is decided again on the new state.
    const result = await handleCommand(this.store, userStreamId(user.userId), userDecider, command, { metadata: commandMetadata(actor, user), retries: 2 });
    return result.newState;
  }
}
