import { isPortalRoute } from './serve-portal';

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
