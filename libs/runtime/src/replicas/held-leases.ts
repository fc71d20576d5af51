import type { LeaderLease, LeaderLock } from '@broker/read-models';

/**
 * The service's leader lock, keeping the leases it handed out so that the process can tell which it holds now
 * (projections, outbox, e-mail sender, ...). The leases themselves are the store's, untouched: fencing, renewal and
 * loss work as before.
 */
export class HeldLeases implements LeaderLock {
  private readonly leases = new Map<string, LeaderLease>();

  constructor(private readonly lock: LeaderLock) {}

  async tryAcquire(name: string): Promise<LeaderLease | null> {
    const lease = await this.lock.tryAcquire(name);
    if (lease) this.leases.set(name, lease);
    return lease;
  }

  close(): Promise<void> {
    this.leases.clear();
    return this.lock.close();
  }

  /** Names of the leases held now, sorted; `held` reads the lease's deadline on the local clock, so a lost one is gone at once. */
  names(): string[] {
    for (const [name, lease] of this.leases) if (!lease.held) this.leases.delete(name);
    return [...this.leases.keys()].sort();
  }
}
