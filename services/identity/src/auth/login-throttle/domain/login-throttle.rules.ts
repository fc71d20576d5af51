/**
 * Login throttling rules, pure. A key (an account, or a source address) keeps a log of its recent login attempts
 * that did not succeed. An attempt first reserves a place in the log; when the log already holds `maxAttempts`
 * entries younger than the window, the attempt is refused (429) without looking at the password, and the answer
 * says when the oldest entry ages out. A refused attempt is not logged, so hammering a throttled account does not
 * extend its throttle: a real user waits at most one window. A successful login clears its account's log and
 * takes its own entry back out of the address log.
 *
 * Reserving before the password is checked (rather than counting failures after) means parallel guesses cannot
 * slip past the limit while their hashes are being verified.
 */
export interface AttemptEntry {
  id: string;
  /** Epoch milliseconds. */
  at: number;
}

export interface AttemptLog {
  attempts: AttemptEntry[];
}

export interface ThrottleLimit {
  maxAttempts: number;
  windowMs: number;
}

export type Reservation = { allowed: true; log: AttemptLog } | { allowed: false; retryAfterSeconds: number };

export const emptyLog = (): AttemptLog => ({ attempts: [] });

/** The entries that still count at `now`, oldest first. */
export function liveAttempts(log: AttemptLog, now: number, limit: ThrottleLimit): AttemptEntry[] {
  return log.attempts.filter((a) => a.at > now - limit.windowMs).sort((a, b) => a.at - b.at);
}

export function reserveAttempt(log: AttemptLog, attempt: AttemptEntry, limit: ThrottleLimit): Reservation {
  const live = liveAttempts(log, attempt.at, limit);
  if (live.length >= limit.maxAttempts) {
    // A place frees when enough of the oldest entries age out to leave maxAttempts - 1.
    const freeing = live[live.length - limit.maxAttempts]!;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freeing.at + limit.windowMs - attempt.at) / 1000)) };
  }
  return { allowed: true, log: { attempts: [...live, attempt] } };
}

/** The log without one attempt (a login that succeeded from this address). */
export function releaseAttempt(log: AttemptLog, attemptId: string): AttemptLog {
  return { attempts: log.attempts.filter((a) => a.id !== attemptId) };
}

/** When the log stops mattering: its youngest entry ages out then (epoch ms), or null for an empty log. */
export function expiresAt(log: AttemptLog, limit: ThrottleLimit): number | null {
  if (log.attempts.length === 0) return null;
  return Math.max(...log.attempts.map((a) => a.at)) + limit.windowMs;
}
