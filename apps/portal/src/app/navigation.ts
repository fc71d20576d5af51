import type { SessionUser } from '../auth/session-store';

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
];

export function navigationFor(user: SessionUser | null): NavigationLink[] {
  if (!user) return [];
  const links = LINKS.filter((link) => link.roles.includes(user.role)).flatMap((link) => {
    const to = link.to(user);
    return to ? [{ to, label: link.label }] : [];
  });
  return links.length > 0 ? links : [{ to: '/home', label: 'Home' }];
}
