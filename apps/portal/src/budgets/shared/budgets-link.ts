import type { SessionUser } from '../../auth/session-store';

/** Who sets, changes and removes an organization's budgets (the API refuses the others). */
export const BUDGET_WRITERS: readonly string[] = ['org_admin', 'org_billing_admin'];

/** The organization's roles that read its budgets (the reseller's admin opens them from the organization). */
export const BUDGET_READERS: readonly string[] = ['org_admin', 'org_billing_admin', 'org_viewer'];

/** The screen's path, as the budget notice e-mails link it: `/organizations/<orgId>/budgets`. */
export const budgetsPath = (orgId: string) => `/organizations/${orgId}/budgets`;

/** The router's pattern of the screen (apps/portal/src/app/router.tsx). */
export const BUDGETS_ROUTE = 'organizations/:orgId/budgets';

/** The navigation entry, in the shape of apps/portal/src/app/navigation.ts's lines. */
export const BUDGETS_LINK = {
  label: 'Budgets',
  roles: BUDGET_READERS,
  to: (user: SessionUser) => (user.organizationId ? budgetsPath(user.organizationId) : null),
};
