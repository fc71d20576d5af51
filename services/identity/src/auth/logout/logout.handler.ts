import { Inject, Injectable } from '@nestjs/common';
import type { LogoutRequest } from '@broker/contracts';
import { handleCommand, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE } from '@broker/runtime';
import { AccessRevocations } from '../../access-revocations/access-revocations';
import { InvalidCredentialsError } from '../../users/domain/user.errors';
import { UserCommands } from '../../users/user-commands';
import { UserRepository } from '../../users/user.repository';
import { sessionDecider } from '../sessions/domain/session.decider';
import { sessionStreamId } from '../sessions/domain/session.events';
import { TokenService } from '../tokens/token-service';

/**
 * Ends the caller's session (the one their access token names), or with `everywhere` every session they have:
 * one event on the user's stream that every session opened before it yields to. Ending an ended session is done.
 */
@Injectable()
export class LogoutHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly tokens: TokenService,
    private readonly users: UserRepository,
    private readonly commands: UserCommands,
    private readonly revocations: AccessRevocations,
  ) {}

  async logout(request: LogoutRequest, at = new Date()): Promise<void> {
    const { actor } = request;
    const claims = await this.tokens.verify(request.accessToken, 'access');
    if (!claims || claims.userId !== actor.userId) throw new InvalidCredentialsError();
    if (request.everywhere) {
      const user = await this.users.loadExisting(actor.userId);
      await this.commands.execute(actor, user, { type: 'EndSessions', data: { userId: actor.userId }, actorId: actor.userId, at });
      return;
    }
    await handleCommand(
      this.store,
      sessionStreamId(claims.sessionId),
      sessionDecider,
      { type: 'EndSession', data: { sessionId: claims.sessionId, reason: 'logout' }, at },
      { metadata: commandMetadata(actor, actor), retries: 3 },
    );
    await this.revocations.sessionEnded(claims.sessionId);
  }
}
