/**
 * Login throttling rules, pure. Three logs of recent login attempts that did not succeed, each keyed by a digest:
 *
 * - the pair (account, source address): a hard limit. Past `pairMaxFailures` within the window, that address may
 *   not try that account again until the oldest entry ages out (429 with Retry-After).
 * - the source address across accounts: a hard limit too, higher (many people may share one address).
 * - the account from every address together: no limit, but growing delays. Past `accountFreeFailures`, each
 *   attempt must wait a delay after the previous one that doubles with every failure, up to
 *   `accountMaxDelayMs`. An attacker spread over many addresses is slowed to one guess per maximum delay, and
 *   the owner is never kept out for longer than that: there is no lock anyone else can put on an account. From an
 *   address the account signed in from lately (a known address), the delay does not apply at all: only the pair's
 *   limit does, so the owner at a familiar place does not even race the attacker for the next slot.
 *
 * An attempt first reserves a place in every log (before the password is checked, so parallel guesses cannot slip
 * past while their hashes are verified); a refused attempt is not logged, so hammering does not extend anything.
 * A successful login clears its account's and its pair's logs, remembers its address as known to the account, and
 * takes its own entry back out of the address log.
 */
export interface AttemptEntry {
  id: string;
  /** Epoch milliseconds. */
  at: number;
}

/** An address (its digest) an account signed in from, and when it last did. */
export interface KnownAddress {
  key: string;
  /** Epoch milliseconds. */
  at: number;
}

export interface AttemptLog {
  attempts: AttemptEntry[];
  /** Accounts only: where it signed in lately, most recent first. */
  knownAddresses?: KnownAddress[];
}

/** How long an account remembers where it signed in, and how many places. */
export interface KnownAddressLimit {
  rememberMs: number;
  maxAddresses: number;
}

/** A hard limit: at most `maxAttempts` entries younger than the window. */
export interface ThrottleLimit {
  maxAttempts: number;
  windowMs: number;
}

/** Growing delays: past `freeAttempts` entries in the window, each attempt waits base * 2^(over the free ones). */
export interface DelayLimit {
  freeAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
}

export type Reservation = { allowed: true; log: AttemptLog } | { allowed: false; retryAfterSeconds: number };

export const emptyLog = (): AttemptLog => ({ attempts: [] });

/** The entries that still count at `now`, oldest first. */
export function liveAttempts(log: AttemptLog, now: number, limit: { windowMs: number }): AttemptEntry[] {
  return log.attempts.filter((a) => a.at > now - limit.windowMs).sort((a, b) => a.at - b.at);
}

const secondsUntil = (at: number, now: number): number => Math.max(1, Math.ceil((at - now) / 1000));

/** A hard limit (a pair, an address). */
export function reserveAttempt(log: AttemptLog, attempt: AttemptEntry, limit: ThrottleLimit): Reservation {
  const live = liveAttempts(log, attempt.at, limit);
  if (live.length >= limit.maxAttempts) {
    // A place frees when enough of the oldest entries age out to leave maxAttempts - 1.
    const freeing = live[live.length - limit.maxAttempts]!;
    return { allowed: false, retryAfterSeconds: secondsUntil(freeing.at + limit.windowMs, attempt.at) };
  }
  return { allowed: true, log: { ...log, attempts: [...live, attempt] } };
}

/** How long an attempt must wait after the previous one when `failures` entries are live. */
export function delayAfter(failures: number, limit: DelayLimit): number {
  if (failures < limit.freeAttempts) return 0;
  // 2^30 is already far past any sensible maximum: cap the exponent so the number stays finite.
  const doublings = Math.min(failures - limit.freeAttempts, 30);
  return Math.min(limit.maxDelayMs, limit.baseDelayMs * 2 ** doublings);
}

/**
 * Growing delays (an account): refused only when the attempt comes too soon after the latest one, and never from a
 * known address. Either way an allowed attempt is logged: a failure from a known address still counts for others.
 */
export function reserveDelayedAttempt(log: AttemptLog, attempt: AttemptEntry, limit: DelayLimit, fromKnownAddress = false): Reservation {
  const live = liveAttempts(log, attempt.at, limit);
  const latest = live[live.length - 1];
  const delay = fromKnownAddress ? 0 : delayAfter(live.length, limit);
  if (latest && delay > 0 && attempt.at < latest.at + delay) {
    return { allowed: false, retryAfterSeconds: secondsUntil(latest.at + delay, attempt.at) };
  }
  return { allowed: true, log: { ...log, attempts: [...live, attempt] } };
}

/** Whether the account signed in from this address (digest) within the time it remembers. */
export function isKnownAddress(log: AttemptLog, addressKey: string, now: number, known: KnownAddressLimit): boolean {
  return (log.knownAddresses ?? []).some((a) => a.key === addressKey && a.at > now - known.rememberMs);
}

/** The account after a successful login: no failures left, and the address (when known) remembered first. */
export function signedIn(log: AttemptLog, addressKey: string | null, now: number, known: KnownAddressLimit): AttemptLog {
  const kept = (log.knownAddresses ?? []).filter((a) => a.key !== addressKey && a.at > now - known.rememberMs);
  const knownAddresses = (addressKey !== null && known.rememberMs > 0 ? [{ key: addressKey, at: now }, ...kept] : kept).slice(0, known.maxAddresses);
  return knownAddresses.length > 0 ? { attempts: [], knownAddresses } : { attempts: [] };
}

/** The log without one attempt (a login that succeeded from this address). */
export function releaseAttempt(log: AttemptLog, attemptId: string): AttemptLog {
  return { ...log, attempts: log.attempts.filter((a) => a.id !== attemptId) };
}

/** When the log stops mattering (epoch ms): its youngest entry ages out, and it forgets its last known address; null when empty. */
export function expiresAt(log: AttemptLog, limit: { windowMs: number }, known?: KnownAddressLimit): number | null {
  const ends = [...log.attempts.map((a) => a.at + limit.windowMs), ...(known ? (log.knownAddresses ?? []).map((a) => a.at + known.rememberMs) : [])];
  return ends.length > 0 ? Math.max(...ends) : null;
}
