import type { components } from '../../api/schema.gen';

/** The session's user (apps/portal/src/auth/session-store.ts), named from the schema so the spec needs no browser. */
type SessionUser = components['schemas']['SessionUserResponse'];

/** The organization's roles that read its activity log (its reseller's admin opens it from the organization). */
export const ORGANIZATION_ACTIVITY_READERS: readonly string[] = ['org_admin', 'org_billing_admin', 'org_viewer'];

/** The roles whose own list is `/activity`: the reseller admin's reseller, the platform admin's whole platform. */
export const OWN_ACTIVITY_READERS: readonly string[] = ['reseller_admin', 'platform_admin'];

/** An organization's activity log: `/organizations/<orgId>/activity`. */
export const organizationActivityPath = (orgId: string) => `/organizations/${orgId}/activity`;

/** The reseller admin's (their reseller's) or the platform admin's (the whole platform's) activity log. */
export const OWN_ACTIVITY_PATH = '/activity';

/** The router's patterns of the screens (apps/portal/src/app/router.tsx). */
export const ORGANIZATION_ACTIVITY_ROUTE = 'organizations/:orgId/activity';
export const OWN_ACTIVITY_ROUTE = 'activity';

/** The navigation entry, in the shape of apps/portal/src/app/navigation.ts's lines: each role's own list. */
export const ACTIVITY_LINK = {
  label: 'Activity log',
  roles: [...OWN_ACTIVITY_READERS, ...ORGANIZATION_ACTIVITY_READERS],
  to: (user: SessionUser) => (OWN_ACTIVITY_READERS.includes(user.role) ? OWN_ACTIVITY_PATH : user.organizationId ? organizationActivityPath(user.organizationId) : null),
};
