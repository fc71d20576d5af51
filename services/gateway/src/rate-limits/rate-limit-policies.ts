import type { GatewayConfig } from '../gateway.config';

/** `address`: every request by source address; `user`: authenticated requests by user id; `auth`: login and refresh by address. */
export type PolicyName = 'address' | 'user' | 'auth';

export interface RateLimitPolicy {
  name: PolicyName;
  /** Requests admitted per window. */
  limit: number;
  windowSeconds: number;
}

export type RateLimitPolicies = Record<PolicyName, RateLimitPolicy>;

export function policiesOf(config: GatewayConfig): RateLimitPolicies {
  return {
    address: { name: 'address', limit: config.RATE_LIMIT_ADDRESS_MAX, windowSeconds: config.RATE_LIMIT_ADDRESS_WINDOW_SECONDS },
    user: { name: 'user', limit: config.RATE_LIMIT_USER_MAX, windowSeconds: config.RATE_LIMIT_USER_WINDOW_SECONDS },
    auth: { name: 'auth', limit: config.RATE_LIMIT_AUTH_MAX, windowSeconds: config.RATE_LIMIT_AUTH_WINDOW_SECONDS },
  };
}
