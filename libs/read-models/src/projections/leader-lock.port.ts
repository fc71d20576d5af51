/**
 * "One active instance": a named lock that at most one holder in the whole deployment has at a time.
 * Correctness never depends on it alone (projection checkpoints are compare-and-set); it keeps standbys idle.
 */
export interface LeaderLease {
  readonly name: string;
  /** True until released or lost. */
  readonly held: boolean;
  /** Aborted as soon as the lease ends, released or lost; pass it to waits that must stop with the lease. */
  readonly signal: AbortSignal;
  /**
   * Resolves when the lease is lost without release() (its session died or stopped answering).
   * Stays pending after a clean release.
   */
  readonly lost: Promise<void>;
  /** Gives the lock up; idempotent, never throws. */
  release(): Promise<void>;
}

export interface LeaderLock {
  /** The lease when this caller now holds the lock, null when someone else (or this lock object) holds it. */
  tryAcquire(name: string): Promise<LeaderLease | null>;
  /** Releases every lease of this object and frees its resources. */
  close(): Promise<void>;
}
