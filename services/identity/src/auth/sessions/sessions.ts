import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { SessionUser, TokenResponse, VerifiedAccess } from '@broker/contracts';
import { handleCommand, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE, SERVICE_CONFIG } from '@broker/runtime';
import type { IdentityConfig } from '../../identity.config';
import { TokenService } from '../tokens/token-service';
import { sessionDecider } from './domain/session.decider';
import { sessionStreamId } from './domain/session.events';
import { accessSession, userAllowsSession } from './domain/session.rules';
import { SessionUsers, type SessionAccount } from './session-users';

/**
 * Server-side sessions, event-sourced in identity's event store (one stream per session), so every replica sees
 * the same. A session lasts at most REFRESH_TOKEN_TTL_SECONDS from login, however often it is refreshed.
 */
@Injectable()
export class Sessions {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
    private readonly users: SessionUsers,
    private readonly tokens: TokenService,
  ) {}

  /**
   * Opens a session for a user read (as `account`) before their password was checked: a password changed after
   * that read ends the new session too.
   */
  async open(user: SessionUser, account: SessionAccount, sourceAddress: string, at = new Date()): Promise<TokenResponse> {
    const sessionId = randomUUID();
    const expiresAt = new Date(at.getTime() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
    const { resellerId, organizationId } = user;
    await handleCommand(
      this.store,
      sessionStreamId(sessionId),
      sessionDecider,
      { type: 'OpenSession', data: { sessionId, userId: user.id, userRevision: account.revision, expiresAt, sourceAddress, resellerId, organizationId }, at },
      { metadata: commandMetadata({ userId: user.id }, user) },
    );
    return this.tokens.issue(user, { sessionId, generation: 0, expiresAt }, at);
  }

  /**
   * The user of a valid access token whose session is live, or null. Two keyed reads at once: the user's stream
   * and the session's events from the token's generation on (a handful at most).
   */
  async userOfAccessToken(accessToken: string, now = new Date()): Promise<{ user: SessionUser; access: VerifiedAccess } | null> {
    const claims = await this.tokens.verify(accessToken, 'access');
    if (!claims) return null;
    const [account, events] = await Promise.all([
      this.users.load(claims.userId),
      this.store.readStream(sessionStreamId(claims.sessionId), { fromRevision: BigInt(claims.generation) }),
    ]);
    const session = accessSession(events, claims.generation, now);
    if (!account.user || !session || session.userId !== claims.userId) return null;
    if (!userAllowsSession(account.sessionsEndedAt, session.userRevision)) return null;
    return { user: account.user, access: { sessionId: claims.sessionId, userRevision: session.userRevision, expiresAt: claims.expiresAt.toISOString() } };
  }
}
