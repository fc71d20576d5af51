import type { Role } from '@broker/contracts';
import { routeTemplate, supportReadOf } from './support-read';

const ORG = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const platformAdmin = { role: 'platform_admin' as Role };

describe('support read rule', () => {
  it('writes route templates with {name} for every parameter', () => {
    expect(routeTemplate('organizations/:orgId/users', ':userId')).toBe('/organizations/{orgId}/users/{userId}');
    expect(routeTemplate('organizations', ':orgId')).toBe('/organizations/{orgId}');
    expect(routeTemplate('organizations/:orgId/settings', '/')).toBe('/organizations/{orgId}/settings');
    expect(routeTemplate('organizations/:orgId/transactions', ':transactionId/history')).toBe('/organizations/{orgId}/transactions/{transactionId}/history');
  });

  it("is every GET or HEAD of the platform admin under one organization's routes", () => {
    expect(supportReadOf(platformAdmin, 'GET', '/organizations/{orgId}/users', ORG)).toEqual({ organizationId: ORG, method: 'GET', route: '/organizations/{orgId}/users' });
    expect(supportReadOf(platformAdmin, 'HEAD', '/organizations/{orgId}', ORG)).toEqual({ organizationId: ORG, method: 'HEAD', route: '/organizations/{orgId}' });
  });

  it('is never a write, another role, a route outside an organization, or a malformed id', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(supportReadOf(platformAdmin, method, '/organizations/{orgId}/users', ORG)).toBeNull();
    for (const role of ['reseller_admin', 'org_admin', 'org_viewer'] as Role[]) expect(supportReadOf({ role }, 'GET', '/organizations/{orgId}/users', ORG)).toBeNull();
    expect(supportReadOf(undefined, 'GET', '/organizations/{orgId}/users', ORG)).toBeNull();
    expect(supportReadOf(platformAdmin, 'GET', '/organizations', undefined)).toBeNull();
    expect(supportReadOf(platformAdmin, 'GET', '/organizationsx/{orgId}', ORG)).toBeNull();
    expect(supportReadOf(platformAdmin, 'GET', '/billing/summary', undefined)).toBeNull();
    expect(supportReadOf(platformAdmin, 'GET', '/organizations/{orgId}/users', 'not-a-uuid')).toBeNull();
  });
});
