import type { OpenAPIObject } from '@nestjs/swagger';

const HEADERS = {
  RateLimit: {
    description: 'Where the request stands under each limit that applied: `"<policy>";r=<remaining>;t=<seconds until the window ends>` (draft-ietf-httpapi-ratelimit-headers-10)',
    schema: { type: 'string', example: '"address";r=11999;t=42, "user";r=2999;t=42' },
  },
  'RateLimit-Policy': {
    description: 'The limits that applied: `"<policy>";q=<requests>;w=<window seconds>`; policies `address`, `user`, `auth` (login and refresh)',
    schema: { type: 'string', example: '"address";q=12000;w=60, "user";q=3000;w=60' },
  },
};

/**
 * Documents the rate limits on every operation but /health and the gateway's probes: the RateLimit headers on its answers and the 429 with
 * Retry-After past a limit.
 */
export function documentRateLimits(document: OpenAPIObject): OpenAPIObject {
  for (const [route, path] of Object.entries(document.paths)) {
    if (/\/health(\/live|\/ready)?$/.test(route)) continue;
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = path[method];
      if (!operation) continue;
      for (const response of Object.values(operation.responses ?? {})) {
        if (!response || '$ref' in response) continue;
        response.headers = { ...HEADERS, ...response.headers };
      }
      const existing = operation.responses['429'];
      operation.responses = {
        ...operation.responses,
        '429': {
          description:
            (existing && 'description' in existing ? `${existing.description}; or ` : '') +
            'Too many requests from this address, by this user, or (login, refresh) to log in from this address: problem+json with code RATE_LIMITED',
          headers: {
            'Retry-After': { description: 'Seconds until the request may be sent again', schema: { type: 'integer', minimum: 1 } },
            ...HEADERS,
          },
        },
      };
    }
  }
  return document;
}
