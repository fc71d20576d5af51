import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line, outgoing RPC call and recorded event of one unit of work carries. */
export interface CorrelationContext {
  /** Shared by everything that follows from one incoming request. */
  correlationId: string;
  /** Id of the message or event that caused this unit of work, when there is one. */
  causationId?: string;
  /** Who acts: a user id, or a name such as `system` for background work. */
  actor?: string;
  /** The signed actor assertion of the request (docs/adr/0019), passed on to nested calls; never logged. */
  actorAssertion?: string;
}

const storage = new AsyncLocalStorage<CorrelationContext>();

/** Runs `fn` (and everything it awaits or schedules) with `ctx` as the current context. */
export function runWithContext<R>(ctx: CorrelationContext, fn: () => R): R {
  return storage.run(ctx, fn);
}

export function currentContext(): CorrelationContext | undefined {
  return storage.getStore();
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

export function newCorrelationId(): string {
  return randomUUID();
}

const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * True when a correlation id received from outside (an HTTP or NATS header) is safe to adopt: short and made of
 * characters that cannot break a log line or a header.
 */
export function isAcceptableCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && CORRELATION_ID_PATTERN.test(value);
}
