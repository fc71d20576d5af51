import type { ActorDto, Role } from '@broker/contracts';
import { mayDo } from './organization-access';

const actor = (role: Role, resellerId: string | null, organizationId: string | null): ActorDto => ({ userId: 'u', role, resellerId, organizationId });

describe('organization access', () => {
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
