import { DomainError } from '@broker/event-sourcing';

/** 429: too many failed logins for this account or from this address; `retryAfterSeconds` feeds Retry-After. */
export class LoginThrottledError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('AUTH.THROTTLED', `Too many failed logins; try again in ${retryAfterSeconds} seconds`, { retryAfterSeconds });
  }
}
