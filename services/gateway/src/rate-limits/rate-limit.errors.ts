import type { PolicyName } from './rate-limit-policies';

const WHAT: Record<PolicyName, string> = {
  address: 'from this address',
  user: 'by this user',
  auth: 'to log in or refresh tokens from this address',
};

/** 429, coded like the services' errors so the problem filter answers it alike (with Retry-After). */
export class RateLimitedError extends Error {
  readonly code = 'RATE_LIMITED';
  readonly status = 429;
  readonly details: { retryAfterSeconds: number; policy: PolicyName };

  constructor(policy: PolicyName, retryAfterSeconds: number) {
    super(`Too many requests ${WHAT[policy]}: retry after ${retryAfterSeconds} s`);
    this.name = 'RateLimitedError';
    this.details = { retryAfterSeconds, policy };
  }
}
