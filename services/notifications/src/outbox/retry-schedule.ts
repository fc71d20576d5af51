export interface RetryPolicy {
  /** Attempts in all, the first one included; after the last failed one the notification is parked. */
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

/**
 * The wait after the `failedAttempts`-th failure: base · 2^(failures − 1), at most `maxMs`, spread by ±20 % so that
 * many e-mails that failed together (the server was down) do not all come back in the same instant.
 */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(failedAttempts, 1) - 1, 40);
  const delay = Math.min(policy.baseMs * 2 ** exponent, policy.maxMs);
  return Math.max(1, Math.round(delay * (0.8 + 0.4 * random())));
}
