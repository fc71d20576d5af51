import { randomUUID } from 'node:crypto';

/** How a careful client retries a command: per-attempt timeout, backoff between attempts, and when it gives up. */
export interface RetryPolicy {
  attemptTimeoutMs: number;
  /** Counted from the first attempt. */
  giveUpMs: number;
  backoffMinMs: number;
  backoffMaxMs: number;
  /** A Retry-After longer than this is shortened to it. */
  retryAfterCapMs: number;
}

export const CAREFUL_CLIENT: RetryPolicy = { attemptTimeoutMs: 6_000, giveUpMs: 90_000, backoffMinMs: 100, backoffMaxMs: 1_000, retryAfterCapMs: 2_000 };

/** One attempt: when it started, how long it took, and what came of it (`201`, `503`, `timeout`, `network ECONNREFUSED`). */
export interface Attempt {
  at: number;
  ms: number;
  outcome: string;
  /** The Retry-After header of a 5xx answer (null: none). */
  retryAfter?: string | null;
}

/**
 * What a command came to: `acknowledged` (2xx), `refused` (4xx: must have had no effect), or `unknown` (the client
 * gave up on 5xx, network errors and timeouts, or was stopped: it may or may not have taken effect, at most once).
 */
export type CommandOutcome = 'acknowledged' | 'refused' | 'unknown';

export interface CommandResult<T = any> {
  key: string;
  path: string;
  body: unknown;
  /** Start of the first attempt and end of the last one (ms since the epoch). */
  sentAt: number;
  answeredAt: number;
  attempts: Attempt[];
  outcome: CommandOutcome;
  status: number | null;
  response: T | undefined;
}

export type ReadResult<T = any> = { ok: true; status: number; body: T } | { ok: false; status: number | null; error: string };

/** Waits, or less when the signal aborts. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

function describeFailure(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'timeout';
  if (e?.name === 'AbortError') return 'stopped';
  return `network ${e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error)}`;
}

function retryAfterMs(headers: Headers): number {
  const value = headers.get('retry-after');
  if (!value) return 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : 0;
}

/**
 * The gateway's API as a careful client uses it: every POST carries an `Idempotency-Key`, and a 5xx, a network error
 * or a timeout is retried with the same key and body after a short backoff (longer when the answer says Retry-After),
 * until a non-5xx answer or the give-up time. Reads are single attempts with a timeout.
 */
export class RetryingClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async command<T = any>(path: string, body: unknown, options: { policy?: RetryPolicy; key?: string; signal?: AbortSignal } = {}): Promise<CommandResult<T>> {
    const policy = options.policy ?? CAREFUL_CLIENT;
    const key = options.key ?? randomUUID();
    const sentAt = Date.now();
    const attempts: Attempt[] = [];
    let backoff = policy.backoffMinMs;
    for (;;) {
      const at = Date.now();
      let wait = 0;
      try {
        const signals = [AbortSignal.timeout(policy.attemptTimeoutMs), ...(options.signal ? [options.signal] : [])];
        const response = await fetch(`${this.baseUrl}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}`, 'idempotency-key': key },
          body: JSON.stringify(body ?? {}),
          signal: AbortSignal.any(signals),
        });
        const text = await response.text();
        attempts.push({ at, ms: Date.now() - at, outcome: String(response.status), ...(response.status >= 500 ? { retryAfter: response.headers.get('retry-after') } : {}) });
        if (response.status < 500) {
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          const outcome: CommandOutcome = response.status < 300 ? 'acknowledged' : 'refused';
          return { key, path, body, sentAt, answeredAt: Date.now(), attempts, outcome, status: response.status, response: parsed as T };
        }
        wait = Math.min(retryAfterMs(response.headers), policy.retryAfterCapMs);
      } catch (error) {
        attempts.push({ at, ms: Date.now() - at, outcome: describeFailure(error) });
      }
      if (options.signal?.aborted || Date.now() - sentAt >= policy.giveUpMs) {
        return { key, path, body, sentAt, answeredAt: Date.now(), attempts, outcome: 'unknown', status: null, response: undefined };
      }
      await sleep(Math.max(wait, backoff), options.signal);
      backoff = Math.min(backoff * 2, policy.backoffMaxMs);
    }
  }

  async read<T = any>(path: string, timeoutMs = 5_000, signal?: AbortSignal): Promise<ReadResult<T>> {
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${this.token}` },
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])]),
      });
      const text = await response.text();
      if (response.status !== 200) return { ok: false, status: response.status, error: text.slice(0, 300) };
      return { ok: true, status: 200, body: JSON.parse(text) as T };
    } catch (error) {
      return { ok: false, status: null, error: describeFailure(error) };
    }
  }

  /** Every item of a paged list (`?limit=500`, following `nextCursor`); fails on the first page that does not answer. */
  async readAll<T = any>(path: string, timeoutMs = 10_000): Promise<ReadResult<T[]>> {
    const items: T[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const separator = path.includes('?') ? '&' : '?';
      const answer: ReadResult<{ items: T[]; nextCursor: string | null }> = await this.read(
        `${path}${separator}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        timeoutMs,
      );
      if (!answer.ok) return answer;
      items.push(...answer.body.items);
      cursor = answer.body.nextCursor ?? null;
      if (!cursor) return { ok: true, status: 200, body: items };
    }
    return { ok: false, status: null, error: `more than 100 pages at ${path}` };
  }
}
