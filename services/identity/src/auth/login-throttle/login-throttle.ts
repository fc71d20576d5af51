import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { DocumentVersionConflictError, type DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE, LOGGER, SERVICE_CONFIG } from '@broker/runtime';
import type { IdentityConfig } from '../../identity.config';
import { emptyLog, expiresAt, releaseAttempt, reserveAttempt, type AttemptLog, type ThrottleLimit } from './domain/login-throttle.rules';
import { LoginThrottledError } from './login-throttled.error';

/**
 * Attempt logs live in the service's document store, so every identity replica counts the same attempts. Keys are
 * hashes: a mistyped password pasted into the username field is never stored in clear.
 */
export const LOGIN_THROTTLE_COLLECTION = { name: 'login_throttle', indexes: { expiresAt: 'number' } } as const;

interface ThrottleDocument extends AttemptLog {
  /** Epoch ms after which the document counts nothing any more (the sweep removes it). */
  expiresAt: number;
}

/** A login attempt that holds a place in its account's (and address's) log until it is settled. */
export interface LoginAttempt {
  id: string;
  accountKey: string;
  addressKey: string | null;
}

/** Optimistic writes retried on a concurrent change; past this, a reservation fails closed (429). */
const MAX_WRITE_TRIES = 8;
const SWEEP_INTERVAL_MS = 5 * 60_000;
const SWEEP_BATCH = 200;

@Injectable()
export class LoginThrottle implements OnModuleInit, OnModuleDestroy {
  private ready: Promise<void> | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private readonly account: ThrottleLimit;
  private readonly address: ThrottleLimit;

  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(SERVICE_CONFIG) config: IdentityConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const windowMs = config.LOGIN_THROTTLE_WINDOW_SECONDS * 1000;
    this.account = { maxAttempts: config.LOGIN_THROTTLE_ACCOUNT_MAX_FAILURES, windowMs };
    this.address = { maxAttempts: config.LOGIN_THROTTLE_ADDRESS_MAX_FAILURES, windowMs };
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweep().catch((err: unknown) => this.logger.warn({ err }, 'Login throttle sweep failed')), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /**
   * Reserves a place for this attempt in the account's log, then in the address's; throws LoginThrottledError
   * (nothing reserved) when either is full. Settle the attempt with `succeeded`, or leave it as a failure.
   */
  async begin(username: string, sourceAddress: string | undefined, now = Date.now()): Promise<LoginAttempt> {
    await this.ensureCollection();
    const attempt: LoginAttempt = {
      id: randomUUID(),
      accountKey: keyOf('account', username.trim().toLowerCase()),
      addressKey: sourceAddress ? keyOf('address', sourceAddress) : null,
    };
    const entry = { id: attempt.id, at: now };
    await this.reserve(attempt.accountKey, entry, this.account, 'account');
    if (attempt.addressKey) {
      try {
        await this.reserve(attempt.addressKey, entry, this.address, 'address');
      } catch (error) {
        await this.release(attempt.accountKey, attempt.id);
        throw error;
      }
    }
    return attempt;
  }

  /** The login worked: the account starts afresh, and the address gets its place back. Never throws. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    try {
      await this.documents.delete(LOGIN_THROTTLE_COLLECTION.name, attempt.accountKey);
      if (attempt.addressKey) await this.release(attempt.addressKey, attempt.id);
    } catch (err) {
      this.logger.warn({ err }, 'Could not clear the login throttle after a successful login');
    }
  }

  /** The attempt broke off for a reason that is not the caller's (a store failure): it counts for nothing. Never throws. */
  async abandoned(attempt: LoginAttempt): Promise<void> {
    try {
      await this.release(attempt.accountKey, attempt.id);
      if (attempt.addressKey) await this.release(attempt.addressKey, attempt.id);
    } catch (err) {
      this.logger.warn({ err }, 'Could not release an abandoned login attempt');
    }
  }

  /** Removes logs whose every attempt has aged out. Every replica may run it; deleting twice is harmless. */
  async sweep(now = Date.now()): Promise<number> {
    await this.ensureCollection();
    const page = await this.documents.find<ThrottleDocument>(LOGIN_THROTTLE_COLLECTION.name, { sort: { field: 'expiresAt', direction: 'asc' }, limit: SWEEP_BATCH });
    let removed = 0;
    for (const doc of page.items) {
      if (doc.data.expiresAt > now) break;
      if (await this.documents.delete(LOGIN_THROTTLE_COLLECTION.name, doc.id)) removed += 1;
    }
    if (removed > 0) this.logger.debug({ removed }, 'Removed expired login throttle entries');
    return removed;
  }

  private async reserve(key: string, entry: { id: string; at: number }, limit: ThrottleLimit, kind: 'account' | 'address'): Promise<void> {
    for (let attempt = 0; attempt < MAX_WRITE_TRIES; attempt++) {
      const current = await this.documents.get<ThrottleDocument>(LOGIN_THROTTLE_COLLECTION.name, key);
      const reservation = reserveAttempt(current?.data ?? emptyLog(), entry, limit);
      if (!reservation.allowed) {
        this.logger.info({ throttle: kind, retryAfterSeconds: reservation.retryAfterSeconds }, 'Login throttled');
        throw new LoginThrottledError(reservation.retryAfterSeconds);
      }
      if (await this.write(key, reservation.log, limit, current?.version ?? 0)) return;
    }
    this.logger.warn({ throttle: kind }, 'Login throttle under heavy contention: refusing the attempt');
    throw new LoginThrottledError(1);
  }

  private async release(key: string, attemptId: string): Promise<void> {
    for (let attempt = 0; attempt < MAX_WRITE_TRIES; attempt++) {
      const current = await this.documents.get<ThrottleDocument>(LOGIN_THROTTLE_COLLECTION.name, key);
      if (!current || !current.data.attempts.some((a) => a.id === attemptId)) return;
      const limit = key.startsWith('account') ? this.account : this.address;
      if (await this.write(key, releaseAttempt(current.data, attemptId), limit, current.version)) return;
    }
    this.logger.warn('Login throttle under heavy contention: an attempt stays counted');
  }

  /** False when another replica changed the document first (the caller reads again). */
  private async write(key: string, log: AttemptLog, limit: ThrottleLimit, expectedVersion: number): Promise<boolean> {
    try {
      const document: ThrottleDocument = { attempts: log.attempts, expiresAt: expiresAt(log, limit) ?? 0 };
      await this.documents.upsert<ThrottleDocument>(LOGIN_THROTTLE_COLLECTION.name, key, document, expectedVersion);
      return true;
    } catch (error) {
      if (error instanceof DocumentVersionConflictError) return false;
      throw error;
    }
  }

  private ensureCollection(): Promise<void> {
    this.ready ??= this.documents.ensureCollection(LOGIN_THROTTLE_COLLECTION).catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }
}

function keyOf(kind: 'account' | 'address', value: string): string {
  return `${kind}-${createHash('sha256').update(value).digest('hex')}`;
}
