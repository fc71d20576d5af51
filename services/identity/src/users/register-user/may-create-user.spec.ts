import type { ActorDto } from '@broker/contracts';
import { mayCreateUser } from './may-create-user';

const platformAdmin: ActorDto = { userId: 'u-0', role: 'platform_admin', resellerId: null, organizationId: null };
const resellerAdmin: ActorDto = { userId: 'u-1', role: 'reseller_admin', resellerId: 'r-1', organizationId: null };
const orgAdmin: ActorDto = { userId: 'u-2', role: 'org_admin', resellerId: 'r-1', organizationId: 'o-1' };

describe('mayCreateUser', () => {
  it('lets the platform admin create reseller admins of a reseller', () => {
    expect(mayCreateUser(platformAdmin, { role: 'reseller_admin', resellerId: 'r-1', organizationId: null })).toBe(true);
    expect(mayCreateUser(platformAdmin, { role: 'reseller_admin', resellerId: null, organizationId: null })).toBe(false);
  });

  it('never lets anyone create a platform admin (only the bootstrap does)', () => {
    expect(mayCreateUser(platformAdmin, { role: 'platform_admin', resellerId: null, organizationId: null })).toBe(false);
  });

  it('keeps a reseller admin inside its own reseller', () => {
    expect(mayCreateUser(resellerAdmin, { role: 'reseller_admin', resellerId: 'r-1', organizationId: null })).toBe(true);
    expect(mayCreateUser(resellerAdmin, { role: 'reseller_admin', resellerId: 'r-2', organizationId: null })).toBe(false);
  });

  it('does not yet let organization roles create users', () => {
    expect(mayCreateUser(orgAdmin, { role: 'org_user', resellerId: 'r-1', organizationId: 'o-1' })).toBe(false);
  });
});
