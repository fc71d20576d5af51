import type { RateLimitPolicy } from './rate-limit-policies';

/** Where a request stands under one policy, for the RateLimit header. */
export interface PolicyStanding {
  policy: RateLimitPolicy;
  remaining: number;
  /** Seconds until the quota is restored (the window ends). */
  resetSeconds: number;
}

/**
 * `RateLimit-Policy` and `RateLimit` of draft-ietf-httpapi-ratelimit-headers-10: Structured Field lists with one
 * item per policy that applied to the request, named by a String, e.g. `"user";q=3000;w=60` and `"user";r=2999;t=42`.
 */
export function rateLimitHeaders(standings: readonly PolicyStanding[]): { 'RateLimit-Policy': string; RateLimit: string } {
  return {
    'RateLimit-Policy': standings.map(({ policy }) => `"${policy.name}";q=${policy.limit};w=${policy.windowSeconds}`).join(', '),
    RateLimit: standings.map(({ policy, remaining, resetSeconds }) => `"${policy.name}";r=${Math.max(0, remaining)};t=${resetSeconds}`).join(', '),
  };
}
