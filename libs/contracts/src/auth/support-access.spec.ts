import { isSupportReader, organizationReaders } from './support-access';

describe('support read rule', () => {
  it('adds the platform admin to every list of readers, once', () => {
    expect(organizationReaders('reseller_admin', 'org_viewer')).toEqual(['reseller_admin', 'org_viewer', 'platform_admin']);
    expect(organizationReaders('platform_admin', 'reseller_admin')).toEqual(['platform_admin', 'reseller_admin']);
  });

  it('names the platform admin, and no other role, as the support reader', () => {
    expect(isSupportReader({ role: 'platform_admin' })).toBe(true);
    for (const role of ['reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer', 'org_user'] as const) expect(isSupportReader({ role })).toBe(false);
  });
});
