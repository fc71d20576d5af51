import type { components } from '../../api/schema.gen';

/** The session's user (apps/portal/src/auth/session-store.ts), named from the schema so the spec needs no browser. */
type SessionUser = components['schemas']['SessionUserResponse'];

/** Who registers, changes, rotates, deletes and redelivers an organization's endpoints (the API refuses the others). */
export const ORGANIZATION_WEBHOOK_WRITERS: readonly string[] = ['org_admin', 'reseller_admin'];

/** Who reads an organization's endpoints and their delivery logs. */
export const ORGANIZATION_WEBHOOK_READERS: readonly string[] = [...ORGANIZATION_WEBHOOK_WRITERS, 'platform_admin'];

/** Who writes a reseller's own endpoints: its admin (the platform admin reads them). */
export const RESELLER_WEBHOOK_WRITERS: readonly string[] = ['reseller_admin'];

/** An organization's endpoints: `/organizations/<orgId>/webhooks`. */
export const organizationWebhooksPath = (orgId: string) => `/organizations/${orgId}/webhooks`;

/** The reseller admin's own reseller's endpoints. */
export const OWN_WEBHOOKS_PATH = '/webhooks';

/** The router's patterns of the screens (apps/portal/src/app/router.tsx). */
export const ORGANIZATION_WEBHOOKS_ROUTE = 'organizations/:orgId/webhooks';
export const OWN_WEBHOOKS_ROUTE = 'webhooks';

/** The navigation entry, in the shape of apps/portal/src/app/navigation.ts's lines: the organization's admin their organization's, the reseller admin their reseller's. */
export const WEBHOOKS_LINK = {
  label: 'Webhooks',
  roles: ['org_admin', 'reseller_admin'] as readonly string[],
  to: (user: SessionUser) => (user.role === 'reseller_admin' ? OWN_WEBHOOKS_PATH : user.organizationId ? organizationWebhooksPath(user.organizationId) : null),
};
