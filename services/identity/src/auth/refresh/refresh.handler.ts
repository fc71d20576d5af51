import { Inject, Injectable } from '@nestjs/common';
import type { RefreshRequest, TokenResponse } from '@broker/contracts';
import { handleCommand, WrongExpectedRevisionError, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE } from '@broker/runtime';
import { AccessRevocations } from '../../access-revocations/access-revocations';
import { InvalidCredentialsError } from '../../users/domain/user.errors';
import { sessionDecider } from '../sessions/domain/session.decider';
import { sessionStreamId } from '../sessions/domain/session.events';
import { SessionUsers } from '../sessions/session-users';
import { TokenService } from '../tokens/token-service';

/**
 * Rotation with reuse detection: a refresh spends the presented refresh token and issues the next pair; a spent
 * one presented again revokes the session (every token of it) and answers 401. There is no grace period: a client
 * that lost the answer to its refresh logs in again. Of concurrent refreshes with one token, one wins the append
 * at the session's revision; each other is decided again and is then a reuse, so the session is revoked.
 */
@Injectable()
export class RefreshHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly users: SessionUsers,
    private readonly tokens: TokenService,
    private readonly revocations: AccessRevocations,
  ) {}

  async refresh(request: RefreshRequest, at = new Date()): Promise<TokenResponse> {
    const claims = await this.tokens.verify(request.refreshToken, 'refresh');
    if (!claims) throw new InvalidCredentialsError();
    const account = await this.users.load(claims.userId);
    const sourceAddress = request.sourceAddress ?? 'unknown';
    const user = { userId: claims.userId, active: account.user !== null, sessionsEndedAt: account.sessionsEndedAt };
    let result;
    try {
      result = await handleCommand(
        this.store,
        sessionStreamId(claims.sessionId),
        sessionDecider,
        { type: 'RefreshSession', data: { sessionId: claims.sessionId, generation: claims.generation, sourceAddress, user }, at },
        { metadata: commandMetadata({ userId: claims.userId }, account.user ?? {}), retries: 3 },
      );
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw new InvalidCredentialsError();
      throw error;
    }
    const refreshed = result.newEvents[0];
    // A spent refresh token came back: the whole session ends, at the gateways too (ADR 0035).
    if (refreshed?.type === 'SessionFamilyRevoked') await this.revocations.sessionEnded(claims.sessionId);
    if (!account.user || refreshed?.type !== 'SessionRefreshed' || refreshed.data.userId !== claims.userId) throw new InvalidCredentialsError();
    return this.tokens.issue(account.user, { sessionId: claims.sessionId, generation: refreshed.data.generation, expiresAt: new Date(refreshed.data.expiresAt) }, at);
  }
}
