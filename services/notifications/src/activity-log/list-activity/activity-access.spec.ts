import type { ActorDto, Role } from '@broker/contracts';
import { activityFilterFor, ActivityForbiddenError, ActivityNotFoundError } from './activity-access';

const actor = (role: Role, resellerId: string | null = 'r-1', organizationId: string | null = 'o-1'): ActorDto => ({ userId: 'u-1', role, resellerId, organizationId });

describe('who reads which activity log', () => {
  it("lets an organization's admins, billing admins and viewers read its list, and refuses its plain users", () => {
    for (const role of ['org_admin', 'org_billing_admin', 'org_viewer'] as const) expect(activityFilterFor(actor(role), 'organization', 'o-1', 'r-1')).toEqual({ organizationId: 'o-1' });
    expect(() => activityFilterFor(actor('org_user'), 'organization', 'o-1', 'r-1')).toThrow(ActivityForbiddenError);
  });

  it("answers not found for another organization's list, and another reseller's organization", () => {
    expect(() => activityFilterFor(actor('org_admin'), 'organization', 'o-2', 'r-1')).toThrow(ActivityNotFoundError);
    expect(() => activityFilterFor(actor('reseller_admin', 'r-1', null), 'organization', 'o-9', 'r-2')).toThrow(ActivityNotFoundError);
    expect(() => activityFilterFor(actor('reseller_admin', 'r-1', null), 'organization', 'o-9', null)).toThrow(ActivityNotFoundError);
    expect(activityFilterFor(actor('reseller_admin', 'r-1', null), 'organization', 'o-1', 'r-1')).toEqual({ organizationId: 'o-1' });
  });

  it("lets a reseller's admins read the reseller's list (its organizations' entries too), and nobody else but the platform admin", () => {
    expect(activityFilterFor(actor('reseller_admin', 'r-1', null), 'reseller', 'r-1', null)).toEqual({ resellerId: 'r-1' });
    expect(() => activityFilterFor(actor('reseller_admin', 'r-1', null), 'reseller', 'r-2', null)).toThrow(ActivityNotFoundError);
    expect(() => activityFilterFor(actor('org_admin'), 'reseller', 'r-1', null)).toThrow(ActivityForbiddenError);
    expect(activityFilterFor(actor('platform_admin', null, null), 'reseller', 'r-2', null)).toEqual({ resellerId: 'r-2' });
  });

  it('keeps the whole platform list to the platform admin', () => {
    expect(activityFilterFor(actor('platform_admin', null, null), 'platform', undefined, null)).toEqual({});
    for (const role of ['reseller_admin', 'org_admin', 'org_viewer'] as const) expect(() => activityFilterFor(actor(role), 'platform', undefined, null)).toThrow(ActivityForbiddenError);
  });
});
