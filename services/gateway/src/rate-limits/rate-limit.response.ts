import type { Response } from 'express';
import { RateLimitedError } from './rate-limit.errors';
import { rateLimitHeaders, type PolicyStanding } from './rate-limit.headers';
import type { RateLimitDecision } from './rate-limiter';

const STANDINGS = Symbol('rateLimitStandings');

type WithStandings = Response & { [STANDINGS]?: PolicyStanding[] };

/**
 * Adds a decision to the RateLimit headers of the response (every policy that applied to the request so far), and
 * throws the 429 when it refused.
 */
export function applyDecision(response: Response, decision: RateLimitDecision): void {
  const standings = ((response as WithStandings)[STANDINGS] ??= []);
  standings.push({ policy: decision.policy, remaining: decision.remaining, resetSeconds: decision.resetSeconds });
  for (const [name, value] of Object.entries(rateLimitHeaders(standings))) response.setHeader(name, value);
  if (!decision.allowed) throw new RateLimitedError(decision.policy.name, decision.retryAfterSeconds ?? decision.resetSeconds);
}
