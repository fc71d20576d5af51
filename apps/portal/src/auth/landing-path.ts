/** What the start screen depends on (GET /me and the session's user both have it). */
interface Landing {
  role: string;
  organizationId: string | null;
}

/**
 * Where a role starts after login: the platform admin at Resellers, the reseller at its Organizations, an
 * organization's admins and viewers at its Users, a billing admin at its Billing report, a user at My services.
 */
export function landingPath(user: Landing): string {
  switch (user.role) {
    case 'reseller_admin':
      return '/organizations';
    case 'platform_admin':
      return '/resellers';
    case 'org_admin':
    case 'org_viewer':
      return user.organizationId ? `/organizations/${user.organizationId}/users` : '/home';
    case 'org_billing_admin':
      return user.organizationId ? `/organizations/${user.organizationId}/billing/report` : '/home';
    case 'org_user':
      return user.organizationId ? `/organizations/${user.organizationId}/services` : '/home';
    default:
      return '/home';
  }
}

/** A `next` parameter is followed only to a path of this site (never `//host` or a full URL). */
export function safeNextPath(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}
