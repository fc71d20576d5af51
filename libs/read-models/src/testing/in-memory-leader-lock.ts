import type { LeaderLease, LeaderLock } from '../projections/leader-lock.port';

/** Where in-memory locks are held; give several InMemoryLeaderLock objects the same one to make them contend. */
export class InMemoryLockRegistry {
  /** @internal */
  readonly held = new Map<string, InMemoryLease>();

  /** Simulates the holder's session dying: the lease is lost and the name is free again. */
  loseLease(name: string): void {
    this.held.get(name)?.markLost();
  }
}

/** The leader-lock port in memory, for unit tests. */
export class InMemoryLeaderLock implements LeaderLock {
  private readonly mine = new Set<InMemoryLease>();

  constructor(private readonly registry: InMemoryLockRegistry = new InMemoryLockRegistry()) {}

  async tryAcquire(name: string): Promise<LeaderLease | null> {
    if (this.registry.held.has(name)) return null;
    const lease = new InMemoryLease(name, () => {
      if (this.registry.held.get(name) === lease) this.registry.held.delete(name);
      this.mine.delete(lease);
    });
    this.registry.held.set(name, lease);
    this.mine.add(lease);
    return lease;
  }

  async close(): Promise<void> {
    for (const lease of [...this.mine]) await lease.release();
  }
}

class InMemoryLease implements LeaderLease {
  private readonly controller = new AbortController();
  private resolveLost!: () => void;
  readonly lost = new Promise<void>((resolve) => (this.resolveLost = resolve));

  constructor(readonly name: string, private readonly free: () => void) {}

  get held(): boolean {
    return !this.controller.signal.aborted;
  }
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.controller.abort();
    this.free();
  }

  markLost(): void {
    if (!this.held) return;
    this.controller.abort();
    this.free();
    this.resolveLost();
  }
}
