import { ORGANIZATION_WEBHOOKS_ROUTE, organizationWebhooksPath, OWN_WEBHOOKS_PATH, OWN_WEBHOOKS_ROUTE, WEBHOOKS_LINK } from './webhooks-links';

describe('the webhooks link', () => {
  const user = (role: string, organizationId: string | null) => ({ id: 'u1', username: 'u@example.com', role, resellerId: 'r1', organizationId }) as Parameters<typeof WEBHOOKS_LINK.to>[0];

  it("takes the organization's admin to their organization's endpoints, the reseller admin to their reseller's", () => {
    expect(WEBHOOKS_LINK.to(user('org_admin', 'o1'))).toBe('/organizations/o1/webhooks');
    expect(WEBHOOKS_LINK.to(user('org_admin', null))).toBeNull();
    expect(WEBHOOKS_LINK.to(user('reseller_admin', null))).toBe('/webhooks');
    expect(WEBHOOKS_LINK.roles).not.toContain('org_viewer');
    expect(WEBHOOKS_LINK.roles).not.toContain('org_user');
  });

  it("matches the router's patterns", () => {
    expect(`/${ORGANIZATION_WEBHOOKS_ROUTE.replace(':orgId', 'o1')}`).toBe(organizationWebhooksPath('o1'));
    expect(`/${OWN_WEBHOOKS_ROUTE}`).toBe(OWN_WEBHOOKS_PATH);
  });
});
