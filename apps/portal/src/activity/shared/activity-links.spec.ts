import { ACTIVITY_LINK, ORGANIZATION_ACTIVITY_ROUTE, organizationActivityPath, OWN_ACTIVITY_PATH, OWN_ACTIVITY_ROUTE } from './activity-links';

describe('the activity log link', () => {
  const user = (role: string, organizationId: string | null) => ({ id: 'u1', username: 'u@example.com', role, resellerId: 'r1', organizationId }) as Parameters<typeof ACTIVITY_LINK.to>[0];

  it("takes the organization's readers to their organization's log, the reseller and platform admins to their own", () => {
    expect(ACTIVITY_LINK.to(user('org_viewer', 'o1'))).toBe('/organizations/o1/activity');
    expect(ACTIVITY_LINK.to(user('org_billing_admin', null))).toBeNull();
    expect(ACTIVITY_LINK.to(user('reseller_admin', null))).toBe('/activity');
    expect(ACTIVITY_LINK.to(user('platform_admin', null))).toBe('/activity');
    expect(ACTIVITY_LINK.roles).not.toContain('org_user');
  });

  it("matches the router's patterns", () => {
    expect(`/${ORGANIZATION_ACTIVITY_ROUTE.replace(':orgId', 'o1')}`).toBe(organizationActivityPath('o1'));
    expect(`/${OWN_ACTIVITY_ROUTE}`).toBe(OWN_ACTIVITY_PATH);
  });
});
