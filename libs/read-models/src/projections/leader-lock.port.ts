/**
 * What a unit of work fences with (UnitOfWork.fence): a lease's name and token. The store refuses the unit unless
 * this token is still the current, unexpired lease of the name.
 */
export interface LeaseFence {
  readonly name: string;
  /** Grows with every new holder of the name, so an old holder's token never becomes current again. */
  readonly token: bigint;
  /** When present and false, the fence refuses at once, without asking the store. */
  readonly held?: boolean;
}

/**
 * "One active instance": a named lease that at most one holder in the whole deployment has at a time, valid for a
 * time to live that the holder keeps renewing. A holder that stops renewing (crashed, frozen, cut off) loses it, and
 * the leader's writes fence on it, so a holder that resumes after losing it cannot commit anything.
 */
export interface LeaderLease extends LeaseFence {
  readonly name: string;
  readonly token: bigint;
  /**
   * True until released or lost. Reading it compares the lease's validity with the local monotonic clock, so a
   * process resuming from a freeze sees false at once, before any of its timers has run.
   */
  readonly held: boolean;
  /** Aborted once the lease is known to have ended, released or lost; pass it to waits that must stop with the lease. */
  readonly signal: AbortSignal;
  /** Resolves when the lease is lost without release() (a renewal failed or came too late). Stays pending after a release. */
  readonly lost: Promise<void>;
  /** Gives the lease up; idempotent, never throws. */
  release(): Promise<void>;
}

export interface LeaderLock {
  /** The lease when this caller now holds the name, null when someone else (or this lock object) holds it. */
  tryAcquire(name: string): Promise<LeaderLease | null>;
  /** Releases every lease of this object and frees its resources. */
  close(): Promise<void>;
}
