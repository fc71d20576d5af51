import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPortalRoute, PORTAL_ROUTES } from './serve-portal';

describe('the portal routes the gateway answers with index.html', () => {
  it.each(['/', '/login', '/home', '/organizations', '/organizations/7c1e', '/organizations/7c1e/users', '/organizations/7c1e/transactions/9a2b', '/approvals/9a2b', '/approvals', '/organizations/7c1e/transactions', '/billing-summary'])(
    '%s is a portal page',
    (path) => expect(isPortalRoute(path)).toBe(true),
  );

  it.each(['/api/v1/health', '/api/v1/organizations', '/api/docs', '/api/docs-json', '/health', '/assets/index.js', '/index.html', '/approvals/9a2b/unknown', '/organizations/7c1e/unknown', '/anything'])(
    '%s is not',
    (path) => expect(isPortalRoute(path)).toBe(false),
  );
});

describe("the gateway's portal routes and the portal's router", () => {
  /** The router's paths, read from its source: a screen the gateway does not serve cannot be opened from a link or reloaded. */
  const routerPaths = [...readFileSync(join(__dirname, '../../../../apps/portal/src/app/router.tsx'), 'utf8').matchAll(/path: '([^']+)'/g)]
    .map((match) => match[1]!)
    .filter((path) => path !== '*')
    .map((path) => (path.startsWith('/') ? path : `/${path}`));

  it('serves every screen of the router, and nothing the router does not have', () => {
    expect(routerPaths.length).toBeGreaterThan(20);
    expect([...routerPaths].sort()).toEqual(PORTAL_ROUTES.filter((route) => route !== '/').sort());
  });
});
