import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { StorageType, type KV, type NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { accessRevocationKey, accessRevocationValue, parseAccessRevocation, type AccessRevocation } from '@broker/contracts';
import type { EventStore } from '@broker/event-sourcing';
import { EVENT_STORE, LOGGER, SERVICE_CONFIG, SERVICE_RUNTIME } from '@broker/runtime';
import { sessionsEndedAt } from '../auth/sessions/domain/session.rules';
import type { IdentityConfig } from '../identity.config';
import { userStreamId } from '../users/domain/user.events';

/** Where the bucket is: the service runtime's events connection and the deployment's names. */
export interface RevocationBus {
  nats: NatsConnection;
  names: { accessRevocationBucket: string };
}

/** Entries outlive every access token issued before them by this margin (clock skew between machines). */
const RETENTION_MARGIN_MS = 60_000;
const ATTEMPTS = 3;

/**
 * Writes what ends access to the bucket every gateway watches (ADR 0035), before the change is answered, so a
 * gateway that kept a token's verification refuses it at its next request. An entry is needed only while tokens
 * issued before it can live: the bucket keeps entries for the access tokens' lifetime (plus a margin).
 */
@Injectable()
export class AccessRevocations implements OnApplicationBootstrap {
  private bucket: Promise<KV> | null = null;

  constructor(
    @Inject(SERVICE_RUNTIME) private readonly bus: RevocationBus,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<IdentityConfig, 'ACCESS_TOKEN_TTL_SECONDS'>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Makes the bucket at start, so gateways can watch it before the first revocation; they retry until it exists. */
  async onApplicationBootstrap(): Promise<void> {
    await this.open().catch((error: unknown) => this.logger.warn({ err: error }, 'Access-revocation bucket not ready yet; made on first use'));
  }

  /** Ends the session everywhere at once. */
  async sessionEnded(sessionId: string): Promise<void> {
    await this.write({ kind: 'session', sessionId });
  }

  /**
   * Records where the user's stream last ended all their sessions, read now from the stream itself, so a replayed
   * command (whose first attempt may have stopped before this) writes it as well. Never moves an entry back.
   */
  async userChanged(userId: string): Promise<void> {
    const events = await this.store.readStream(userStreamId(userId));
    const endedAt = sessionsEndedAt(events);
    if (endedAt >= 0) await this.write({ kind: 'user', userId, sessionsEndedAt: endedAt });
  }

  /**
   * A write that fails (NATS away) is logged, not thrown: the change itself is stored, a gateway whose watch is down
   * asks identity on every request anyway, and one that kept a verification re-checks it within a minute.
   */
  private async write(revocation: AccessRevocation): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.writeOnce(revocation);
        return;
      } catch (error) {
        if (attempt >= ATTEMPTS) {
          this.logger.error({ err: error, revocation: revocation.kind }, 'Could not record an access revocation; gateways re-check kept tokens within a minute');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  private async writeOnce(revocation: AccessRevocation): Promise<void> {
    const kv = await this.open();
    const key = accessRevocationKey(revocation);
    const value = accessRevocationValue(revocation);
    if (revocation.kind === 'session') {
      await kv.put(key, value);
      return;
    }
    // Compare-and-set: of two writers that read the user's stream at different times, the older never wins.
    for (;;) {
      const entry = await kv.get(key);
      const current = entry && entry.operation === 'PUT' ? parseAccessRevocation(key, entry.string()) : null;
      if (current?.kind === 'user' && current.sessionsEndedAt >= revocation.sessionsEndedAt) return;
      try {
        if (entry) await kv.update(key, value, entry.revision);
        else await kv.create(key, value);
        return;
      } catch (error) {
        if (!isWrongLastSequence(error)) throw error;
      }
    }
  }

  private open(): Promise<KV> {
    if (!this.bucket) {
      const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS * 1000 + RETENTION_MARGIN_MS;
      this.bucket = this.bus.nats.jetstream().views.kv(this.bus.names.accessRevocationBucket, { history: 1, ttl, storage: StorageType.File });
      this.bucket.catch(() => (this.bucket = null));
    }
    return this.bucket;
  }
}

function isWrongLastSequence(error: unknown): boolean {
  return error instanceof Error && /wrong last sequence|key exists/i.test(error.message);
}
