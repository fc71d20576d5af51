import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Where `npm run build` puts the portal (apps/portal/build-portal.mjs): dist/portal, beside dist/services. */
export const DEFAULT_PORTAL_FOLDER = resolve(__dirname, '../../../../portal');

/**
 * The portal's client-side routes (apps/portal/src/app/router.tsx): each answers index.html and the portal shows the
 * screen. Only these, so nothing under /api (the API, its docs) is ever shadowed and an unknown path still answers
 * the API's 404. `:name` stands for one path segment. A new screen adds its route here.
 */
export const PORTAL_ROUTES: readonly string[] = [
  '/',
  '/login',
  '/home',
  '/approvals/:transactionId',
  '/organizations',
  '/organizations/:orgId',
  '/organizations/:orgId/users',
  '/organizations/:orgId/transactions/:transactionId',
  '/organizations/:orgId/users/new',
  '/account',
  '/support',
  '/approvals',
  '/organizations/:orgId/transactions',
  '/organizations/:orgId/approval-chains',
  '/organizations/:orgId/budgets',
  '/out-of-office',
  '/billing-summary',
  '/organizations/:orgId/users/import',
  '/organizations/:orgId/store',
  '/organizations/:orgId/store-curation',
  '/organizations/:orgId/services',
  '/organizations/:orgId/billing/report',
  '/organizations/:orgId/billing/details',
  '/reseller/properties',
  '/catalog',
  '/resellers',
  '/organizations/:orgId/activity',
  '/activity',
  '/organizations/:orgId/webhooks',
  '/webhooks',
];

const PORTAL_ROUTE = new RegExp(
  `^(?:${PORTAL_ROUTES.map((route) => route.replace(/\/$/, '').replace(/:[A-Za-z]+/g, '[^/]+')).join('|')})/?$`,
);

export function isPortalRoute(path: string): boolean {
  return PORTAL_ROUTE.test(path);
}

/**
 * Serves the built web portal at `/` (docs/adr/0032-web-portal.md): hashed assets under /assets with a year's cache,
 * index.html for the portal's routes with `no-cache` (a new deployment is seen at once). Answers false when the
 * portal was not built, so the gateway still serves the API.
 */
export function servePortal(app: NestExpressApplication, folder = DEFAULT_PORTAL_FOLDER): boolean {
  const indexFile = join(folder, 'index.html');
  if (!existsSync(indexFile)) return false;
  app.useStaticAssets(join(folder, 'assets'), { prefix: '/assets/', index: false, immutable: true, maxAge: '365d', dotfiles: 'ignore' });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !isPortalRoute(request.path)) return next();
    response.sendFile(indexFile, { headers: { 'Cache-Control': 'no-cache' }, cacheControl: false, lastModified: false }, (error) => {
      if (error) next(error);
    });
  });
  return true;
}
