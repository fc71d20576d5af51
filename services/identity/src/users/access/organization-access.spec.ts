import type { ActorDto, Role } from '@broker/contracts';
import { mayReadUser, organizationAccess, userAccess } from './organization-access';

const R1 = 'r-1';
const O1 = 'o-1';
const actor = (role: Role, userId = 'actor', resellerId: string | null = R1, organizationId: string | null = O1): ActorDto => ({ userId, role, resellerId, organizationId });
const resellerAdmin = actor('reseller_admin', 'ra', R1, null);
const otherResellerAdmin = actor('reseller_admin', 'rx', 'r-2', null);
const org1 = { organizationId: O1, resellerId: R1 };
const userInO1 = { organizationId: O1, resellerId: R1 };
const userInO2 = { organizationId: 'o-2', resellerId: R1 };

describe('organization access', () => {
  it.each([
    ['reseller_admin of its reseller', resellerAdmin, 'write'],
    ['reseller_admin of another reseller', otherResellerAdmin, 'none'],
    ['org_admin of the organization', actor('org_admin'), 'write'],
    ['org_viewer of the organization', actor('org_viewer'), 'read'],
    ['org_billing_admin of the organization', actor('org_billing_admin'), 'self'],
    ['org_user of the organization', actor('org_user'), 'self'],
    ['org_admin of another organization', actor('org_admin', 'x', R1, 'o-2'), 'none'],
    ['org_viewer of another organization', actor('org_viewer', 'x', R1, 'o-2'), 'none'],
    ['platform_admin (reads every organization for support)', actor('platform_admin', 'p', null, null), 'read'],
  ] as const)('%s: %s', (_name, who, expected) => {
    expect(organizationAccess(who, org1)).toBe(expected);
  });

  it('reads one user: everyone with read access, and the user themself', () => {
    expect(mayReadUser('read', actor('org_viewer'), 'u-9')).toBe(true);
    expect(mayReadUser('self', actor('org_user', 'u-9'), 'u-9')).toBe(true);
    expect(mayReadUser('self', actor('org_user', 'u-8'), 'u-9')).toBe(false);
    expect(mayReadUser('none', actor('org_user', 'u-9'), 'u-9')).toBe(false);
  });
});

describe('user access', () => {
  it('lets admins of the tenant change users of the organization', () => {
    expect(userAccess(resellerAdmin, O1, 'u-1', userInO1, 'write')).toBe('allowed');
    expect(userAccess(actor('org_admin'), O1, 'u-1', userInO1, 'write')).toBe('allowed');
  });

  it('lets viewers read but not write (403), and org users read only themselves', () => {
    expect(userAccess(actor('org_viewer'), O1, 'u-1', userInO1, 'read')).toBe('allowed');
    expect(userAccess(actor('org_viewer'), O1, 'u-1', userInO1, 'write')).toBe('forbidden');
    expect(userAccess(actor('org_user', 'u-1'), O1, 'u-1', userInO1, 'read')).toBe('allowed');
    expect(userAccess(actor('org_user', 'u-2'), O1, 'u-1', userInO1, 'read')).toBe('forbidden');
    expect(userAccess(actor('org_billing_admin', 'u-1'), O1, 'u-1', userInO1, 'write')).toBe('forbidden');
  });

  it('answers not found for another tenant, even when the id is right', () => {
    expect(userAccess(otherResellerAdmin, O1, 'u-1', userInO1, 'read')).toBe('not_found');
    expect(userAccess(actor('org_admin', 'x', R1, 'o-2'), O1, 'u-1', userInO1, 'write')).toBe('not_found');
    // the user's id under the wrong organization path
    expect(userAccess(resellerAdmin, O1, 'u-2', userInO2, 'read')).toBe('not_found');
    expect(userAccess(actor('org_admin'), O1, 'u-2', userInO2, 'write')).toBe('not_found');
    // a reseller or platform user (no organization) is nobody's organization user
    expect(userAccess(resellerAdmin, O1, 'ra', { organizationId: null, resellerId: R1 }, 'read')).toBe('not_found');
  });

  it('answers not found for a missing user to those who may act, forbidden to those who may not', () => {
    expect(userAccess(resellerAdmin, O1, 'u-x', null, 'write')).toBe('not_found');
    expect(userAccess(actor('org_admin'), O1, 'u-x', null, 'write')).toBe('not_found');
    expect(userAccess(actor('org_viewer'), O1, 'u-x', null, 'write')).toBe('forbidden');
  });

  it('lets the platform admin read any organization\'s users for support, and change none', () => {
    const platformAdmin = actor('platform_admin', 'p', null, null);
    expect(userAccess(platformAdmin, O1, 'u-1', userInO1, 'read')).toBe('allowed');
    expect(userAccess(platformAdmin, O1, 'u-1', userInO1, 'write')).toBe('forbidden');
    expect(userAccess(platformAdmin, O1, 'u-2', userInO2, 'read')).toBe('not_found');
  });
});
