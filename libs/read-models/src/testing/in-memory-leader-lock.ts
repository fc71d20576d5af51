import { randomUUID } from 'node:crypto';
import type { LeaderLease, LeaderLock, LeaseFence } from '../projections/leader-lock.port';
import { leaseTiming, monotonicClock, RenewingLease, type LeaseTiming, type MonotonicClock } from '../projections/renewing-lease';

interface LeaseRow {
  holder: string;
  token: bigint;
  expiresAt: number;
}

/**
 * Where in-memory leases are kept: the in-memory stand-in for the lease table, with its own clock (the database's).
 * Give several InMemoryLeaderLock objects the same registry to make them contend, and the InMemoryDocumentStore
 * the same registry to fence on its leases.
 */
export class InMemoryLockRegistry {
  private readonly rows = new Map<string, LeaseRow>();
  /** Names kept from changing hands by open fenced units, with how many. */
  private readonly pinned = new Map<string, number>();
  private readonly stalled = new Map<string, Promise<void>>();

  constructor(private readonly clock: MonotonicClock = monotonicClock) {}

  /** Ends the current lease of `name` in the registry, as if its time had run out; its holder learns it at its next renewal. */
  loseLease(name: string): void {
    const row = this.rows.get(name);
    if (row) row.expiresAt = Math.min(row.expiresAt, this.clock());
  }

  /** Holds every renewal of `name` back until the returned function is called (a slow store). */
  stallRenewals(name: string): () => void {
    let resume!: () => void;
    this.stalled.set(name, new Promise<void>((resolve) => (resume = resolve)));
    return () => {
      this.stalled.delete(name);
      resume();
    };
  }

  /** @internal The new token, or null while another holder's lease is valid or a fenced unit keeps the name. */
  claim(name: string, holder: string, ttlMs: number): bigint | null {
    const row = this.rows.get(name);
    if (row && row.expiresAt > this.clock() && row.holder !== holder) return null;
    if (this.pinned.has(name)) return null;
    const token = (row?.token ?? 0n) + 1n;
    this.rows.set(name, { holder, token, expiresAt: this.clock() + ttlMs });
    return token;
  }

  /** @internal */
  async renew(name: string, holder: string, token: bigint, ttlMs: number): Promise<boolean> {
    await this.stalled.get(name);
    const row = this.rows.get(name);
    if (!row || row.holder !== holder || row.token !== token || row.expiresAt <= this.clock()) return false;
    row.expiresAt = this.clock() + ttlMs;
    return true;
  }

  /** @internal */
  free(name: string, holder: string, token: bigint): void {
    const row = this.rows.get(name);
    if (row && row.holder === holder && row.token === token) row.expiresAt = Math.min(row.expiresAt, this.clock());
  }

  /** @internal Why `fence` is not the current lease, or null when it is. */
  refusal(fence: LeaseFence): string | null {
    const row = this.rows.get(fence.name);
    if (!row) return 'nobody holds it';
    if (row.token !== fence.token) return `the current token is ${row.token}`;
    if (row.expiresAt <= this.clock()) return 'it has expired';
    return null;
  }

  /** @internal */
  pin(name: string): void {
    this.pinned.set(name, (this.pinned.get(name) ?? 0) + 1);
  }

  /** @internal */
  unpin(name: string): void {
    const count = (this.pinned.get(name) ?? 0) - 1;
    if (count > 0) this.pinned.set(name, count);
    else this.pinned.delete(name);
  }
}

export interface InMemoryLeaderLockOptions extends Partial<LeaseTiming> {
  /** The holder's local clock; by default the process's monotonic clock. */
  clock?: MonotonicClock;
}

/** The leader-lock port in memory, for unit tests: the same leases, renewals and tokens as the real adapter. */
export class InMemoryLeaderLock implements LeaderLock {
  private readonly holder = randomUUID();
  private readonly leases = new Map<string, RenewingLease>();
  private readonly timing: LeaseTiming;
  private readonly clock: MonotonicClock;
  private closed = false;

  constructor(private readonly registry: InMemoryLockRegistry = new InMemoryLockRegistry(), options: InMemoryLeaderLockOptions = {}) {
    this.timing = leaseTiming(options);
    this.clock = options.clock ?? monotonicClock;
  }

  async tryAcquire(name: string): Promise<LeaderLease | null> {
    if (this.closed) throw new Error('The leader lock is closed');
    if (this.leases.has(name)) return null;
    const acquiredAt = this.clock();
    const token = this.registry.claim(name, this.holder, this.timing.ttlMs);
    if (token === null) return null;
    const lease: RenewingLease = new RenewingLease({
      name,
      token,
      clock: this.clock,
      acquiredAt,
      ...this.timing,
      renew: () => this.registry.renew(name, this.holder, token, this.timing.ttlMs),
      free: async () => this.registry.free(name, this.holder, token),
      onEnd: () => {
        if (this.leases.get(name) === lease) this.leases.delete(name);
      },
    });
    this.leases.set(name, lease);
    return lease.start() ? lease : null;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.leases.values()].map((lease) => lease.release()));
  }
}
