// What the gateway offers benchmarks and tests beyond its HTTP API (docs/adr/0024-import-boundaries.md): the rate
// limiter, to be measured in-process. Production code never imports this file.
export { RateLimiter } from './rate-limits/rate-limiter';
export type { RateLimitPolicies } from './rate-limits/rate-limit-policies';
