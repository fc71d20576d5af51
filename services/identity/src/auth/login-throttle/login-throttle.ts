import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { DocumentVersionConflictError, type DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE, LOGGER, SERVICE_CONFIG } from '@broker/runtime';
import type { IdentityConfig } from '../../identity.config';
import { addressDigest, usernameDigest } from '../username-digest';
import {
  emptyLog,
  expiresAt,
  isKnownAddress,
  releaseAttempt,
  reserveAttempt,
  reserveDelayedAttempt,
  signedIn,
  type AttemptEntry,
  type AttemptLog,
  type DelayLimit,
  type KnownAddressLimit,
  type Reservation,
  type ThrottleLimit,
} from './domain/login-throttle.rules';
import { LoginThrottledError, type ThrottleScope } from './login-throttled.error';

/**
 * Attempt logs live in the service's document store, so every identity replica counts the same attempts. Keys are
 * keyed digests: a mistyped password pasted into the username field is never stored in clear.
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
  pairKey: string | null;
  addressKey: string | null;
  /** The address's digest, as the account remembers it. */
  address: string | null;
}

/** How one log decides on a new entry. */
type Rule = (log: AttemptLog, entry: AttemptEntry) => Reservation;

/** Addresses an account remembers at most. */
const MAX_KNOWN_ADDRESSES = 10;
/** Optimistic writes retried on a concurrent change; past this, a reservation fails closed (429). */
const MAX_WRITE_TRIES = 8;
const SWEEP_INTERVAL_MS = 5 * 60_000;
const SWEEP_BATCH = 200;

@Injectable()
export class LoginThrottle implements OnModuleInit, OnModuleDestroy {
  private ready: Promise<void> | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private readonly windowMs: number;
  private readonly pair: ThrottleLimit;
  private readonly address: ThrottleLimit;
  private readonly account: DelayLimit;
  private readonly known: KnownAddressLimit;
  private readonly secret: string;

  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(SERVICE_CONFIG) config: IdentityConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.windowMs = config.LOGIN_THROTTLE_WINDOW_SECONDS * 1000;
    this.pair = { maxAttempts: config.LOGIN_THROTTLE_PAIR_MAX_FAILURES, windowMs: this.windowMs };
    this.address = { maxAttempts: config.LOGIN_THROTTLE_ADDRESS_MAX_FAILURES, windowMs: this.windowMs };
    this.account = { freeAttempts: config.LOGIN_THROTTLE_ACCOUNT_MAX_FAILURES, baseDelayMs: 1000, maxDelayMs: config.LOGIN_THROTTLE_ACCOUNT_MAX_DELAY_SECONDS * 1000, windowMs: this.windowMs };
    this.known = { rememberMs: config.LOGIN_THROTTLE_KNOWN_ADDRESS_DAYS * 86_400_000, maxAddresses: MAX_KNOWN_ADDRESSES };
    this.secret = config.JWT_SECRET;
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweep().catch((err: unknown) => this.logger.warn({ err }, 'Login throttle sweep failed')), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /**
   * Reserves a place for this attempt in the pair's log, the address's and the account's, in that order; throws
   * LoginThrottledError (nothing reserved) when one refuses. Settle the attempt with `succeeded` or `abandoned`,
   * or leave it as a failure.
   */
  async begin(username: string, sourceAddress: string | undefined, now = Date.now()): Promise<LoginAttempt> {
    await this.ensureCollection();
    const user = usernameDigest(this.secret, username);
    const address = sourceAddress ? addressDigest(this.secret, sourceAddress) : null;
    const attempt: LoginAttempt = {
      id: randomUUID(),
      accountKey: `account-${user}`,
      pairKey: address ? `pair-${user}-${address}` : null,
      addressKey: address ? `address-${address}` : null,
      address,
    };
    const entry = { id: attempt.id, at: now };
    const steps: [string | null, Rule, ThrottleScope][] = [
      [attempt.pairKey, (log, e) => reserveAttempt(log, e, this.pair), 'pair'],
      [attempt.addressKey, (log, e) => reserveAttempt(log, e, this.address), 'address'],
      [attempt.accountKey, (log, e) => reserveDelayedAttempt(log, e, this.account, address !== null && isKnownAddress(log, address, e.at, this.known)), 'account'],
    ];
    const reserved: string[] = [];
    try {
      for (const [key, rule, scope] of steps) {
        if (key === null) continue;
        await this.reserve(key, entry, rule, scope);
        reserved.push(key);
      }
    } catch (error) {
      for (const key of reserved) await this.release(key, attempt.id);
      throw error;
    }
    return attempt;
  }

  /**
   * The login worked: the account starts afresh and remembers the address, the pair starts afresh, and the address
   * gets its place back. Never throws.
   */
  async succeeded(attempt: LoginAttempt, now = Date.now()): Promise<void> {
    try {
      await this.update(attempt.accountKey, (log) => signedIn(log, attempt.address, now, this.known));
      if (attempt.pairKey) await this.documents.delete(LOGIN_THROTTLE_COLLECTION.name, attempt.pairKey);
      if (attempt.addressKey) await this.release(attempt.addressKey, attempt.id);
    } catch (err) {
      this.logger.warn({ err }, 'Could not clear the login throttle after a successful login');
    }
  }

  /** The attempt broke off for a reason that is not the caller's (a store failure): it counts for nothing. Never throws. */
  async abandoned(attempt: LoginAttempt): Promise<void> {
    try {
      for (const key of [attempt.pairKey, attempt.addressKey, attempt.accountKey]) if (key) await this.release(key, attempt.id);
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

  private async reserve(key: string, entry: AttemptEntry, rule: Rule, scope: ThrottleScope): Promise<void> {
    for (let attempt = 0; attempt < MAX_WRITE_TRIES; attempt++) {
      const current = await this.documents.get<ThrottleDocument>(LOGIN_THROTTLE_COLLECTION.name, key);
      const reservation = rule(current?.data ?? emptyLog(), entry);
      if (!reservation.allowed) {
        this.logger.info({ throttle: scope, retryAfterSeconds: reservation.retryAfterSeconds }, 'Login throttled');
        throw new LoginThrottledError(reservation.retryAfterSeconds, scope);
      }
      if (await this.write(key, reservation.log, current?.version ?? 0)) return;
    }
    this.logger.warn({ throttle: scope }, 'Login throttle under heavy contention: refusing the attempt');
    throw new LoginThrottledError(1, scope);
  }

  private async release(key: string, attemptId: string): Promise<void> {
    await this.update(key, (log) => (log.attempts.some((a) => a.id === attemptId) ? releaseAttempt(log, attemptId) : null));
  }

  /** Rewrites a log (`change` answers null for nothing to do), read again on a concurrent change. */
  private async update(key: string, change: (log: AttemptLog) => AttemptLog | null): Promise<void> {
    for (let attempt = 0; attempt < MAX_WRITE_TRIES; attempt++) {
      const current = await this.documents.get<ThrottleDocument>(LOGIN_THROTTLE_COLLECTION.name, key);
      const changed = change(current?.data ?? emptyLog());
      if (!changed) return;
      if (await this.write(key, changed, current?.version ?? 0)) return;
    }
    this.logger.warn('Login throttle under heavy contention: a log stays as it was');
  }

  /** False when another replica changed the document first (the caller reads again). */
  private async write(key: string, log: AttemptLog, expectedVersion: number): Promise<boolean> {
    try {
      // Every log counts over the same window; an account's also keeps its known addresses.
      const document: ThrottleDocument = { ...log, expiresAt: expiresAt(log, { windowMs: this.windowMs }, this.known) ?? 0 };
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
