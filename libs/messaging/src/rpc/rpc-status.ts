/**
 * HTTP status of an RPC error code. Rule: the first rule whose pattern matches the whole code wins, extra rules
 * (given to RpcClient) before the defaults; `*` in a pattern matches any characters; a code no rule matches is 500.
 */
export interface RpcStatusRule {
  /** Exact code or glob (`*.NOT_FOUND`, `*.ALREADY_*`). */
  code: string;
  status: number;
}

export const DEFAULT_RPC_STATUS_RULES: readonly RpcStatusRule[] = [
  { code: 'VALIDATION', status: 400 },
  { code: 'INTERNAL', status: 500 },
  /** Not done, or done but not confirmed (never half done): the gateway adds Retry-After. */
  { code: 'RPC.UNAVAILABLE', status: 503 },
  { code: 'STORE.UNAVAILABLE', status: 503 },
  { code: 'EVENT_STORE.WRONG_EXPECTED_REVISION', status: 409 },
  /** An idempotency key (or a request id derived from one) used again for a different request. */
  { code: 'IDEMPOTENCY.KEY_REUSED', status: 422 },
  { code: '*.NOT_FOUND', status: 404 },
  { code: '*.FORBIDDEN', status: 403 },
  { code: '*.UNAUTHENTICATED', status: 401 },
  /** A replacing write made under a version (If-Match) the resource is no longer at. */
  { code: '*.VERSION_MISMATCH', status: 412 },
  { code: '*.CONFLICT', status: 409 },
  { code: '*.ALREADY_*', status: 409 },
  { code: '*.DUPLICATE*', status: 409 },
  { code: '*.INVALID*', status: 400 },
  /** A limit the tenant set would be passed (a budget that refuses orders over it): well formed, not done. */
  { code: '*.EXCEEDED', status: 422 },
  { code: '*.BAD_REQUEST', status: 400 },
  /** Too many attempts; the error's `details.retryAfterSeconds` becomes the Retry-After header. */
  { code: '*.THROTTLED', status: 429 },
];

const compiled = new Map<string, RegExp>();

function matcher(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    re = new RegExp(`^${source}$`);
    compiled.set(pattern, re);
  }
  return re;
}

export function statusForCode(code: string, extraRules: readonly RpcStatusRule[] = []): number {
  for (const rule of [...extraRules, ...DEFAULT_RPC_STATUS_RULES]) {
    if (matcher(rule.code).test(code)) return rule.status;
  }
  return 500;
}
