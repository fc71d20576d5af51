import { retryDelayMs } from '../../outbox/retry-schedule';

/** How hard the sender tries one delivery, and when it gives up on an endpoint. */
export interface WebhookRetryPolicy {
  /** Wait after the first failure; it doubles per failure (±20 % jitter) up to maxMs. */
  baseMs: number;
  maxMs: number;
  /** A delivery is retried until this long after it was made; the next failure after that fails it for good. */
  retryForMs: number;
  /** Deliveries failed for good in a row that disable their endpoint. */
  disableAfterFailures: number;
}

/** What one attempt came to: an HTTP answer, or none (network error, timeout, refused address). */
export type AttemptResult = { kind: 'response'; status: number } | { kind: 'error'; error: string };

export type AttemptDecision =
  | { status: 'delivered' }
  | { status: 'pending'; nextAttemptAt: number; retryInMs: number }
  | { status: 'failed' };

/** 2xx alone is delivered; a redirect (never followed), any other status, an error or a timeout is a failure. */
export const isDelivered = (result: AttemptResult): boolean => result.kind === 'response' && result.status >= 200 && result.status < 300;

/** A short, secret-free account of a failed attempt, kept on the delivery. */
export function failureText(result: AttemptResult): string | null {
  if (isDelivered(result)) return null;
  if (result.kind === 'error') return result.error.slice(0, 300);
  return result.status >= 300 && result.status < 400 ? `HTTP ${result.status} (redirects are not followed)` : `HTTP ${result.status}`;
}

/**
 * After the `attempts`-th attempt at `now`: delivered, or tried again after the backoff (never later than the end of
 * the retry window, so the last try falls at its end), or failed for good once the window has passed.
 */
export function decideAfterAttempt(
  result: AttemptResult,
  delivery: { attempts: number; retryUntil: number },
  now: number,
  policy: Pick<WebhookRetryPolicy, 'baseMs' | 'maxMs'>,
  random: () => number = Math.random,
): AttemptDecision {
  if (isDelivered(result)) return { status: 'delivered' };
  if (now >= delivery.retryUntil) return { status: 'failed' };
  const delay = retryDelayMs(delivery.attempts, { maxAttempts: Number.MAX_SAFE_INTEGER, baseMs: policy.baseMs, maxMs: policy.maxMs }, random);
  const nextAttemptAt = Math.min(now + delay, delivery.retryUntil);
  return { status: 'pending', nextAttemptAt, retryInMs: nextAttemptAt - now };
}

/**
 * Which of an endpoint's pending deliveries goes now: the earliest made (smallest sequence), and only when it is due.
 * A later delivery never overtakes it, even when it is due and the earliest is waiting for its retry.
 */
export function nextToSend<T extends { sequence: number; nextAttemptAt: number }>(pending: readonly T[], now: number): T | null {
  let head: T | null = null;
  for (const delivery of pending) if (!head || delivery.sequence < head.sequence) head = delivery;
  return head && head.nextAttemptAt <= now ? head : null;
}

/** The endpoint's count of deliveries failed for good in a row after one more outcome, and whether to disable it. */
export function afterOutcome(consecutiveFailures: number, outcome: 'delivered' | 'failed', policy: Pick<WebhookRetryPolicy, 'disableAfterFailures'>): { consecutiveFailures: number; disable: boolean } {
  if (outcome === 'delivered') return { consecutiveFailures: 0, disable: false };
  const failures = consecutiveFailures + 1;
  return { consecutiveFailures: failures, disable: failures >= policy.disableAfterFailures };
}
