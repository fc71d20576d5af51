import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of every answer. It suits the API docs (swagger-ui: same-origin scripts, an inline
 * `<style>` and style attributes, data: images) and a single-page portal served from `/` (same-origin scripts, no
 * inline script, API calls to the same origin). No `upgrade-insecure-requests`: local runs serve plain HTTP.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

/** Answers of the API carry tokens and personal data: no cache may keep them. The docs stay cacheable. */
function noStoreForApi(prefix: string): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (request.path === prefix || request.path.startsWith(`${prefix}/`)) response.setHeader('Cache-Control', 'no-store');
    next();
  };
}

/** Helmet's defaults with our CSP (ADR 0021), and `Cache-Control: no-store` on everything under the API prefix. */
export function securityHeaders(apiPrefix = '/api/v1'): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { ...CONTENT_SECURITY_POLICY } },
      xFrameOptions: { action: 'deny' },
    }),
    noStoreForApi(apiPrefix),
  ];
}
