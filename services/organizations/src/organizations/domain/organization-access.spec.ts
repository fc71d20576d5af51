import type { ActorDto, Role } from '@broker/contracts';
import { mayDo, maySeeOrganization } from './organization-access';

const organization = { id: 'o-1', resellerId: 'r-1' };
const actor = (role: Role, resellerId: string | null, organizationId: string | null): ActorDto => ({ userId: 'u', role, resellerId, organizationId });

describe('organization access', () => {
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

  it('lets only reseller admins change settings, and admins change the organization and its domains', () => {
    const roles: Role[] = ['platform_admin', 'reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer', 'org_user'];
    const allowed = (permission: Parameters<typeof mayDo>[1]) => roles.filter((role) => mayDo(actor(role, 'r-1', 'o-1'), permission));
    expect(allowed('changeSettings')).toEqual(['reseller_admin']);
    expect(allowed('readSettings')).toEqual(['platform_admin', 'reseller_admin', 'org_admin', 'org_viewer']);
    expect(allowed('change')).toEqual(['reseller_admin', 'org_admin']);
    expect(allowed('manageDomains')).toEqual(['reseller_admin', 'org_admin']);
    expect(allowed('read')).toEqual(roles);
    expect(allowed('readSupportAccesses')).toEqual(['platform_admin', 'reseller_admin', 'org_admin']);
  });
});
