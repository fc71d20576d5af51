import { emptyLog, expiresAt, releaseAttempt, reserveAttempt, type AttemptLog, type Reservation, type ThrottleLimit } from './login-throttle.rules';

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

describe('login throttle rules', () => {
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
