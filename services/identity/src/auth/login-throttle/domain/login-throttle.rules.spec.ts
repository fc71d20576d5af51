import {
  delayAfter,
  emptyLog,
  expiresAt,
  isKnownAddress,
  releaseAttempt,
  reserveAttempt,
  reserveDelayedAttempt,
  signedIn,
  type AttemptLog,
  type DelayLimit,
  type KnownAddressLimit,
  type Reservation,
  type ThrottleLimit,
} from './login-throttle.rules';

const limit: ThrottleLimit = { maxAttempts: 3, windowMs: 60_000 };
const t0 = Date.UTC(2026, 2, 16, 9, 0, 0);

function allowedLog(reservation: Reservation): AttemptLog {
  if (!reservation.allowed) throw new Error(`refused, retry after ${reservation.retryAfterSeconds}s`);
  return reservation.log;
}

/** `count` attempts, one every `stepMs`, from t0. */
function logOf(count: number, stepMs: number): AttemptLog {
  let log = emptyLog();
  for (let i = 0; i < count; i++) log = allowedLog(reserveAttempt(log, { id: `a${i}`, at: t0 + i * stepMs }, limit));
  return log;
}

describe('login throttle rules: hard limits (a pair, an address)', () => {
  it('allows attempts up to the limit within the window, then refuses', () => {
    const log = logOf(3, 1000);
    expect(log.attempts.map((a) => a.id)).toEqual(['a0', 'a1', 'a2']);
    const refused = reserveAttempt(log, { id: 'a3', at: t0 + 3000 }, limit);
    expect(refused.allowed).toBe(false);
  });

  it('says when a place frees: the oldest attempt ages out of the window', () => {
    const log = logOf(3, 1000);
    expect(reserveAttempt(log, { id: 'x', at: t0 + 3000 }, limit)).toEqual({ allowed: false, retryAfterSeconds: 57 });
    expect(reserveAttempt(log, { id: 'x', at: t0 + 59_500 }, limit)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(reserveAttempt(log, { id: 'x', at: t0 + 60_000 }, limit).allowed).toBe(true);
  });

  it('never lets refused attempts extend the throttle: one window after the limit was reached, attempts pass again', () => {
    let log = logOf(3, 0);
    for (let i = 1; i <= 100; i++) {
      const r = reserveAttempt(log, { id: `r${i}`, at: t0 + i * 500 }, limit);
      expect(r.allowed).toBe(false);
      if (r.allowed) log = r.log;
    }
    expect(log.attempts).toHaveLength(3);
    expect(reserveAttempt(log, { id: 'late', at: t0 + limit.windowMs }, limit).allowed).toBe(true);
  });

  it('drops attempts older than the window when reserving', () => {
    const log = logOf(3, 30_000);
    const next = allowedLog(reserveAttempt(log, { id: 'n', at: t0 + 61_000 }, limit));
    expect(next.attempts.map((a) => a.id)).toEqual(['a1', 'a2', 'n']);
  });

  it('takes one attempt back out of a log (a login that succeeded), leaving the others', () => {
    const log = releaseAttempt(logOf(3, 1000), 'a1');
    expect(log.attempts.map((a) => a.id)).toEqual(['a0', 'a2']);
    expect(reserveAttempt(log, { id: 'n', at: t0 + 3000 }, limit).allowed).toBe(true);
  });

  it('knows when a log stops mattering', () => {
    expect(expiresAt(emptyLog(), limit)).toBeNull();
    expect(expiresAt(logOf(3, 1000), limit)).toBe(t0 + 2000 + limit.windowMs);
  });

  it('answers at least one second, never zero', () => {
    const log = logOf(3, 0);
    expect(reserveAttempt(log, { id: 'x', at: t0 + limit.windowMs - 1 }, limit)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});

const delays: DelayLimit = { freeAttempts: 3, baseDelayMs: 1000, maxDelayMs: 8000, windowMs: 60_000 };

/** Reserves at `at`; the seconds to wait when refused. */
function tryAt(log: AttemptLog, id: string, at: number): { log: AttemptLog; refusedFor: number | null } {
  const r = reserveDelayedAttempt(log, { id, at }, delays);
  return r.allowed ? { log: r.log, refusedFor: null } : { log, refusedFor: r.retryAfterSeconds };
}

describe('login throttle rules: growing delays (an account)', () => {
  it('lets the free attempts through at once, however fast', () => {
    let log = emptyLog();
    for (let i = 0; i < 3; i++) {
      const r = tryAt(log, `a${i}`, t0);
      expect(r.refusedFor).toBeNull();
      log = r.log;
    }
    expect(log.attempts).toHaveLength(3);
  });

  it('doubles the wait after each failure past the free ones, up to the maximum', () => {
    expect([0, 2, 3, 4, 5, 6, 7, 40, 10_000].map((n) => delayAfter(n, delays))).toEqual([0, 0, 1000, 2000, 4000, 8000, 8000, 8000, 8000]);
  });

  it('refuses an attempt that comes too soon after the latest one, saying how long to wait, and never locks', () => {
    let log = emptyLog();
    let at = t0;
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      let r = tryAt(log, `a${i}`, at);
      if (r.refusedFor !== null) {
        waits.push(r.refusedFor);
        at += r.refusedFor * 1000;
        r = tryAt(log, `a${i}`, at);
      }
      expect(r.refusedFor).toBeNull();
      log = r.log;
    }
    // Attempts 4..10 each had to wait: 1, 2, 4, then the maximum of 8 seconds; never longer.
    expect(waits).toEqual([1, 2, 4, 8, 8, 8, 8]);
  });

  it('does not log refused attempts, so hammering does not make the wait longer', () => {
    let log = emptyLog();
    for (let i = 0; i < 5; i++) log = tryAt(log, `a${i}`, t0 + i * 10_000).log;
    // Five live failures: the next attempt waits 4 s after the latest (t0 + 40 s).
    for (let ms = 0; ms < 4000; ms += 100) expect(tryAt(log, 'x', t0 + 40_000 + ms).refusedFor).toBeGreaterThanOrEqual(1);
    expect(log.attempts).toHaveLength(5);
    expect(tryAt(log, 'x', t0 + 44_000).refusedFor).toBeNull();
  });

  it('forgets failures older than the window: the delays shrink back to nothing', () => {
    let log = emptyLog();
    for (let i = 0; i < 6; i++) log = tryAt(log, `a${i}`, t0 + i * 10_000).log;
    expect(tryAt(log, 'x', t0 + 51_000).refusedFor).toBe(7);
    const afterWindow = tryAt(log, 'x', t0 + 50_000 + delays.windowMs + 1);
    expect(afterWindow.refusedFor).toBeNull();
    expect(afterWindow.log.attempts.map((a) => a.id)).toEqual(['x']);
  });

  it('waits less when an attempt is taken back out (an attempt that counted for nothing)', () => {
    let log = emptyLog();
    for (let i = 0; i < 4; i++) log = tryAt(log, `a${i}`, t0 + i * 10_000).log;
    expect(tryAt(log, 'x', t0 + 30_500).refusedFor).toBe(2);
    expect(tryAt(releaseAttempt(log, 'a3'), 'x', t0 + 30_500).refusedFor).toBeNull();
  });
});

const known: KnownAddressLimit = { rememberMs: 30 * 86_400_000, maxAddresses: 3 };

describe('login throttle rules: addresses an account signed in from', () => {
  /** Five failures from elsewhere, the last at t0 + 40 s: a new address waits 4 s after it. */
  const underAttack = (log: AttemptLog): AttemptLog => {
    for (let i = 0; i < 5; i++) log = tryAt(log, `a${i}`, t0 + i * 10_000).log;
    return log;
  };

  it('lets a known address past the delay at once, and logs its attempt all the same', () => {
    const log = underAttack(signedIn(emptyLog(), 'home', t0 - 86_400_000, known));
    expect(tryAt(log, 'x', t0 + 40_100).refusedFor).toBe(4);
    const fromHome = reserveDelayedAttempt(log, { id: 'h', at: t0 + 40_100 }, delays, isKnownAddress(log, 'home', t0 + 40_100, known));
    expect(fromHome.allowed).toBe(true);
    if (fromHome.allowed) expect(fromHome.log.attempts).toHaveLength(6);
    expect(isKnownAddress(log, 'elsewhere', t0, known)).toBe(false);
  });

  it('remembers the latest addresses only, each for a while', () => {
    let log = emptyLog();
    for (const [i, key] of ['a', 'b', 'c', 'd', 'b'].entries()) log = signedIn(log, key, t0 + i, known);
    expect(log.knownAddresses!.map((a) => a.key)).toEqual(['b', 'd', 'c']);
    expect(isKnownAddress(log, 'a', t0 + 10, known)).toBe(false);
    expect(isKnownAddress(log, 'c', t0 + known.rememberMs, known)).toBe(true);
    expect(isKnownAddress(log, 'c', t0 + 2 + known.rememberMs, known)).toBe(false);
  });

  it('clears the failures on a successful login, keeps what it knows through later attempts, and lives as long as it remembers', () => {
    const log = signedIn(underAttack(emptyLog()), 'home', t0 + 50_000, known);
    expect(log.attempts).toEqual([]);
    const later = tryAt(log, 'n', t0 + 60_000).log;
    expect(later.knownAddresses).toEqual([{ key: 'home', at: t0 + 50_000 }]);
    expect(expiresAt(later, delays, known)).toBe(t0 + 50_000 + known.rememberMs);
    expect(expiresAt(later, delays)).toBe(t0 + 60_000 + delays.windowMs);
  });

  it('remembers nothing when it is told to remember for no time', () => {
    expect(signedIn(emptyLog(), 'home', t0, { rememberMs: 0, maxAddresses: 3 })).toEqual({ attempts: [] });
  });
});
