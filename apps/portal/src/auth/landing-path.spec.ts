import { landingPath, safeNextPath } from './landing-path';

describe('where the portal goes after login', () => {
  it("starts each role on its own screen", () => {
    expect(landingPath({ role: 'reseller_admin', organizationId: null })).toBe('/organizations');
    expect(landingPath({ role: 'org_admin', organizationId: 'o1' })).toBe('/organizations/o1/users');
    expect(landingPath({ role: 'org_viewer', organizationId: 'o1' })).toBe('/organizations/o1/users');
    expect(landingPath({ role: 'org_user', organizationId: 'o1' })).toBe('/organizations/o1/services');
    expect(landingPath({ role: 'org_billing_admin', organizationId: 'o1' })).toBe('/organizations/o1/billing/report');
    expect(landingPath({ role: 'org_user', organizationId: null })).toBe('/home');
    expect(landingPath({ role: 'platform_admin', organizationId: null })).toBe('/resellers');
  });

  it('follows a next path of this site only, never another origin', () => {
    expect(safeNextPath('/approvals/t1')).toBe('/approvals/t1');
    expect(safeNextPath('/organizations/o1/transactions/t1?tab=history')).toBe('/organizations/o1/transactions/t1?tab=history');
    for (const next of [null, '', 'https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'approvals/t1']) {
      expect(safeNextPath(next)).toBeNull();
    }
  });
});
