import type { LeaderLease } from './leader-lock.port';

/** Milliseconds from an arbitrary origin that never jump backwards (not wall-clock time). */
export type MonotonicClock = () => number;

export const monotonicClock: MonotonicClock = () => performance.now();

export interface LeaseTiming {
  /** How long a lease stays valid after the holder's last successful renewal began. Default 5000 ms. */
  ttlMs: number;
  /** How often the holder renews; well below the time to live. Default a third of it. */
  renewEveryMs: number;
}

export const DEFAULT_LEASE_TTL_MS = 5000;

/** Fills in the defaults and refuses nonsense. */
export function leaseTiming(options: { ttlMs?: number; renewEveryMs?: number } = {}): LeaseTiming {
  const ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
  const renewEveryMs = options.renewEveryMs ?? Math.max(1, Math.floor(ttlMs / 3));
  for (const [name, value] of Object.entries({ ttlMs, renewEveryMs })) {
    if (!Number.isInteger(value) || value <= 0) throw new Error(`Lease ${name} must be a positive whole number of milliseconds`);
  }
  return { ttlMs, renewEveryMs };
}

/** What an adapter does in its store for one lease. */
export interface LeaseStoreOperations {
  /** Extends the lease by its time to live; false when it is not this holder's current, unexpired lease any more. */
  renew(): Promise<boolean>;
  /** Ends the lease in the store when it is still this token's, so the next holder need not wait for its expiry. */
  free(): Promise<void>;
}

export interface RenewingLeaseOptions extends LeaseTiming, LeaseStoreOperations {
  name: string;
  token: bigint;
  clock: MonotonicClock;
  /** The clock's reading just before the acquiring statement was sent: the store's expiry is at least ttl after it. */
  acquiredAt: number;
  /** Called once when the lease ends, released or lost. */
  onEnd(): void;
}

/**
 * The holder's side of a lease, the same for every adapter. It is valid until `acquiredAt + ttl`, and each renewal
 * that succeeds before that deadline moves it to the renewal's start + ttl: the local deadline never passes the
 * store's expiry, whatever the two clocks say, as long as they run at about the same rate. A renewal that fails,
 * or succeeds after the deadline, ends it for good.
 */
export class RenewingLease implements LeaderLease {
  readonly name: string;
  readonly token: bigint;
  private readonly controller = new AbortController();
  private resolveLost!: () => void;
  readonly lost = new Promise<void>((resolve) => (this.resolveLost = resolve));
  private deadline: number;
  private ended = false;
  private renewTimer: NodeJS.Timeout | null = null;
  private watchTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: RenewingLeaseOptions) {
    this.name = options.name;
    this.token = options.token;
    this.deadline = options.acquiredAt + options.ttlMs;
  }

  get held(): boolean {
    if (!this.ended && this.options.clock() >= this.deadline) this.end(true);
    return !this.ended;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Starts renewing and watching the deadline; false when the lease had already expired when it arrived. */
  start(): boolean {
    if (!this.held) return false;
    this.scheduleRenewal(this.options.renewEveryMs);
    this.scheduleWatch();
    return true;
  }

  async release(): Promise<void> {
    if (this.ended) return;
    this.end(false);
    await this.options.free().catch(() => undefined);
  }

  private end(lost: boolean): void {
    if (this.ended) return;
    this.ended = true;
    if (this.renewTimer) clearTimeout(this.renewTimer);
    if (this.watchTimer) clearTimeout(this.watchTimer);
    this.controller.abort();
    this.options.onEnd();
    if (lost) {
      this.resolveLost();
      this.options.free().catch(() => undefined);
    }
  }

  private scheduleRenewal(delayMs: number): void {
    this.renewTimer = setTimeout(() => void this.renew(), Math.max(0, delayMs));
    this.renewTimer.unref();
  }

  /** Ends the lease when its deadline passes, even while a renewal hangs. */
  private scheduleWatch(): void {
    if (this.watchTimer) clearTimeout(this.watchTimer);
    this.watchTimer = setTimeout(() => {
      if (this.held) this.scheduleWatch();
    }, Math.max(0, this.deadline - this.options.clock()) + 1);
    this.watchTimer.unref();
  }

  private async renew(): Promise<void> {
    if (!this.held) return;
    const startedAt = this.options.clock();
    let renewed: boolean;
    try {
      renewed = await this.options.renew();
    } catch {
      renewed = false;
    }
    if (this.ended) {
      // Released or lost meanwhile; a renewal that still went through must not keep the name from the next holder.
      if (renewed) await this.options.free().catch(() => undefined);
      return;
    }
    // `held` also ends it when the answer came after the deadline: too late, whatever the store said.
    if (!renewed || !this.held) {
      this.end(true);
      return;
    }
    this.deadline = startedAt + this.options.ttlMs;
    this.scheduleWatch();
    this.scheduleRenewal(this.options.renewEveryMs - (this.options.clock() - startedAt));
  }
}
