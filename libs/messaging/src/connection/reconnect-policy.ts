/**
 * How a NATS connection behaves once it has connected: it never gives up reconnecting, waits longer after each
 * failed attempt (doubling from `initialDelayMs` up to `maxDelayMs`), spreads the waits of many clients apart with
 * jitter, and pings the server so a connection that silently stopped answering is noticed and replaced.
 */
export interface ReconnectPolicy {
  /** Wait after the first failed attempt. */
  initialDelayMs: number;
  /** Longest wait between attempts (before jitter). */
  maxDelayMs: number;
  /** Each wait is moved up or down by up to this fraction of itself, at random. */
  jitter: number;
  /** Time between client pings. */
  pingIntervalMs: number;
  /** Pings left unanswered before the connection counts as stale and is replaced. */
  maxPingOut: number;
}

export const DEFAULT_RECONNECT_POLICY: Readonly<ReconnectPolicy> = {
  initialDelayMs: 250,
  maxDelayMs: 5000,
  jitter: 0.2,
  pingIntervalMs: 10_000,
  maxPingOut: 3,
};

/** The wait before the next attempt, after `failedAttempts` attempts in a row have failed (0 or more). */
export function reconnectDelayMs(failedAttempts: number, policy: ReconnectPolicy = DEFAULT_RECONNECT_POLICY, random: () => number = Math.random): number {
  const doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** doublings);
  const spread = base * policy.jitter;
  return Math.max(0, Math.round(base - spread + 2 * spread * random()));
}
