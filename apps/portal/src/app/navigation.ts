import type { SessionUser } from '../auth/session-store';
import { ACTIVITY_LINK } from '../activity/shared/activity-links';
import { BUDGETS_LINK } from '../budgets/shared/budgets-link';
import { WEBHOOKS_LINK } from '../webhooks/shared/webhooks-links';

export interface NavigationLink {
  to: string;
  label: string;
}

type LinkRule = { label: string; roles: readonly string[]; to: (user: SessionUser) => string | null };

/**
 * The main navigation: one line per screen, in the order shown, with the roles that see it. A link whose path needs
 * the user's organization is left out for a user without one.
 */
const LINKS: readonly LinkRule[] = [
  { label: 'Organizations', roles: ['reseller_admin'], to: () => '/organizations' },
  { label: 'Reseller properties', roles: ['reseller_admin'], to: () => '/reseller/properties' },
  { label: 'Catalog', roles: ['reseller_admin'], to: () => '/catalog' },
  { label: 'Resellers', roles: ['platform_admin'], to: () => '/resellers' },
  { label: 'Users', roles: ['org_admin', 'org_viewer'], to: (user) => (user.organizationId ? `/organizations/${user.organizationId}/users` : null) },
  { label: 'Support request', roles: ['org_admin', 'org_billing_admin', 'org_viewer', 'org_user'], to: () => '/support' },
  { label: 'My account', roles: ['platform_admin', 'reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer', 'org_user'], to: () => '/account' },
  { label: 'Approvals', roles: ['reseller_admin', 'org_admin', 'org_billing_admin'], to: () => '/approvals' },
  { label: 'Approval chains', roles: ['org_admin', 'org_billing_admin', 'org_viewer'], to: (user) => (user.organizationId ? `/organizations/${user.organizationId}/approval-chains` : null) },
  { label: 'Out of office', roles: ['org_admin', 'org_billing_admin'], to: () => '/out-of-office' },
  BUDGETS_LINK,
  ACTIVITY_LINK,
  WEBHOOKS_LINK,
  { label: 'Billing summary', roles: ['reseller_admin'], to: () => '/billing-summary' },
  { label: 'Transactions', roles: ['org_admin', 'org_viewer'], to: (user) => (user.organizationId ? `/organizations/${user.organizationId}/transactions` : null) },
  { label: 'E-store', roles: ['org_admin', 'org_viewer', 'org_billing_admin', 'org_user'], to: (user) => (user.organizationId ? `/organizations/${user.organizationId}/store` : null) },
  { label: 'My services', roles: ['org_admin', 'org_viewer', 'org_billing_admin', 'org_user'], to: (user) => (user.organizationId ? `/organizations/${user.organizationId}/services` : null) },
  { label: 'Billing report', roles: ['org_admin', 'org_viewer', 'org_billing_admin'], to: (user) => (user.organizationId ? `/organizations/${user.organizationId}/billing/report` : null) },
  { label: 'Billing details', roles: ['org_admin', 'org_viewer', 'org_billing_admin'], to: (user) => (user.organizationId ? `/organizations/${user.organizationId}/billing/details` : null) },
];

export function navigationFor(user: SessionUser | null): NavigationLink[] {
  if (!user) return [];
  const links = LINKS.filter((link) => link.roles.includes(user.role)).flatMap((link) => {
    const to = link.to(user);
    return to ? [{ to, label: link.label }] : [];
  });
  return links.length > 0 ? links : [{ to: '/home', label: 'Home' }];
}
