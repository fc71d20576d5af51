import type { ActorDto, Role } from './actor';
import { maySeeOrganization } from './organization-tenant';

const organization = { organizationId: 'o-1', resellerId: 'r-1' };
const actor = (role: Role, resellerId: string | null, organizationId: string | null): ActorDto => ({ userId: 'u', role, resellerId, organizationId });

describe('organization tenant', () => {
  it('shows an organization to the platform admin, its reseller admins and its own users only', () => {
    expect(maySeeOrganization(actor('platform_admin', null, null), organization)).toBe(true);
    expect(maySeeOrganization(actor('reseller_admin', 'r-1', null), organization)).toBe(true);
    expect(maySeeOrganization(actor('reseller_admin', 'r-2', null), organization)).toBe(false);
    for (const role of ['org_admin', 'org_billing_admin', 'org_viewer', 'org_user'] as const) {
      expect(maySeeOrganization(actor(role, 'r-1', 'o-1'), organization)).toBe(true);
      expect(maySeeOrganization(actor(role, 'r-1', 'o-2'), organization)).toBe(false);
      expect(maySeeOrganization(actor(role, 'r-2', 'o-1'), organization)).toBe(false);
    }
  });


  it('never shows an organization to a reseller admin without a reseller', () => {
    expect(maySeeOrganization(actor('reseller_admin', null, null), { organizationId: 'o-1', resellerId: null })).toBe(false);
  });
});
