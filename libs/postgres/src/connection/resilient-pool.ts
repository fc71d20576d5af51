import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { isReadOnlyStatement, transientFailure, type TransientFailure } from './transient-errors';

/** The logging a pool needs; a pino logger fits it. */
export interface PostgresLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface RetryOptions {
  /** Tries of one statement or checkout, the first included. Default 3. */
  attempts?: number;
  /** Wait before the first retry, doubled before each next one, ±25 %. Default 100 ms. */
  retryDelayMs?: number;
}

/**
 * A pg Pool that survives a database going away and retries what is safe to retry:
 * - every client it creates keeps an `error` listener for its whole life, also while checked out (pg emits `error`
 *   when the server ends a connection between two statements; without a listener that ends the process);
 * - a checkout (`connect()`) that could not reach the server is tried again;
 * - a lone statement (`query(text, values)`) is tried again when it never reached the server or was rolled back,
 *   and, when it is a plain read, also when the connection broke under it. A write whose connection broke is
 *   never repeated here: it may have committed.
 * Retries are few and short (three tries within about half a second by default): long outages surface as errors.
 */
export class ResilientPool extends Pool {
  private readonly attempts: number;
  private readonly retryDelayMs: number;

  constructor(
    config: PoolConfig,
    private readonly logger?: PostgresLogger,
    retry: RetryOptions = {},
  ) {
    super(config);
    this.attempts = Math.max(1, retry.attempts ?? 3);
    this.retryDelayMs = Math.max(0, retry.retryDelayMs ?? 100);
    this.on('connect', (client: PoolClient) => {
      client.on('error', (error: Error & { code?: string }) => {
        this.logger?.warn({ err: { message: error.message, code: error.code } }, 'Database connection lost');
      });
    });
    // The pool repeats an idle client's error here; the client's own listener has logged it.
    this.on('error', () => undefined);
  }

  override connect(): Promise<PoolClient>;
  override connect(callback: (err: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (err: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<PoolClient> | void {
    // pg-pool's own query() checks out with a callback: that path stays as it is.
    if (callback) return super.connect(callback);
    return this.retrying('checkout', () => super.connect(), (failure) => failure === 'not-sent');
  }

  // pg's overloads of query() are many; only the plain `query(text, values?)` form is retried.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const [text, values, callback] = args as [unknown, unknown, unknown];
    const plain = typeof text === 'string' && (values === undefined || Array.isArray(values)) && callback === undefined;
    if (!plain) return Reflect.apply(super.query, this, args);
    return this.retrying(
      'statement',
      () => super.query(text, values as unknown[] | undefined),
      (failure) => failure !== 'connection-lost' || isReadOnlyStatement(text),
    );
  }

  private async retrying<R>(what: string, run: () => Promise<R>, mayRetry: (failure: TransientFailure) => boolean): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        const failure = transientFailure(error);
        if (failure === null || attempt >= this.attempts || this.ending || !mayRetry(failure)) throw error;
        const delay = Math.round(this.retryDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2));
        const { code, message } = error as { code?: unknown; message?: unknown };
        this.logger?.warn({ what, failure, attempt, retryInMs: delay, err: { message, code } }, 'Transient database error; trying again');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
