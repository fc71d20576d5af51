import { DomainError } from '@broker/event-sourcing';

/** Which log refused: the (account, address) pair, the address across accounts, or the account's delay. */
export type ThrottleScope = 'pair' | 'address' | 'account';

/**
 * 429: too many failed logins for this account from this address, from this address, or too soon after the
 * account's last failure; `retryAfterSeconds` feeds Retry-After. The scope stays inside identity: the caller
 * learns only when to try again.
 */
export class LoginThrottledError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    readonly scope: ThrottleScope = 'account',
  ) {
    super('AUTH.THROTTLED', `Too many failed logins; try again in ${retryAfterSeconds} seconds`, { retryAfterSeconds });
  }
}
