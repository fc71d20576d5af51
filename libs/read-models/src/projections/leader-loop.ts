import type { LeaderLease, LeaderLock } from './leader-lock.port';

/** Resolves after `ms`, or at once when `signal` aborts. Never rejects. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export interface LeaderLoopOptions {
  leaderLock: LeaderLock;
  /** The lock name: one leader per name. */
  name: string;
  stop: AbortSignal;
  /** How long a standby waits before it tries the lock again. */
  standbyMs: number;
  onLockError(error: unknown): void;
  /** Told of the lease while it leads, and of null once it no longer does. */
  onLease?(lease: LeaderLease | null): void;
  /** The work of the leader; returns when the lease is lost or `stop` aborts. */
  lead(lease: LeaderLease): Promise<void>;
}

/**
 * One active instance, the others standing by: tries the lock until it gets it, leads while it holds it, releases
 * it afterwards, and starts over until `stop` aborts.
 */
export async function runWhileLeader(options: LeaderLoopOptions): Promise<void> {
  const { leaderLock, name, stop } = options;
  while (!stop.aborted) {
    let lease: LeaderLease | null = null;
    try {
      lease = await leaderLock.tryAcquire(name);
    } catch (error) {
      options.onLockError(error);
    }
    if (!lease) {
      await abortableSleep(options.standbyMs, stop);
      continue;
    }
    options.onLease?.(lease);
    try {
      if (stop.aborted) break;
      await options.lead(lease);
    } finally {
      options.onLease?.(null);
      await lease.release();
    }
  }
}
