/** Errors of the idempotency layer, coded like the services' errors so the problem filter answers them alike. */
export class IdempotencyError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'IdempotencyError';
  }
}

export const keyReused = (): IdempotencyError =>
  new IdempotencyError('IDEMPOTENCY.KEY_REUSED', 422, 'This Idempotency-Key was used for a different request: use a new key for a new request');

export const stillRunning = (): IdempotencyError =>
  new IdempotencyError('IDEMPOTENCY.IN_PROGRESS', 503, 'A request with this Idempotency-Key is still running: ask again in a moment for its answer', { retryAfterSeconds: 1 });

export const storeUnavailable = (): IdempotencyError =>
  new IdempotencyError('IDEMPOTENCY.UNAVAILABLE', 503, 'Requests with an Idempotency-Key cannot be taken right now: nothing was done, retry shortly', { retryAfterSeconds: 2 });
