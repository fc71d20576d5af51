import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';

export type OrganizationUser = components['schemas']['UserListItemResponse'];

/** The roles that may read an organization's users list (the API refuses the others). */
export const USER_LIST_READERS: readonly string[] = ['reseller_admin', 'org_admin', 'org_viewer'];

/** The API's page size limit: the whole list is read in pages of it. */
const USERS_PAGE = 500;

async function allUsers(orgId: string): Promise<OrganizationUser[]> {
  const users: OrganizationUser[] = [];
  let cursor: string | null = null;
  do {
    const page: components['schemas']['UserListResponse'] = unwrap(
      await api.GET('/api/v1/organizations/{orgId}/users', { params: { path: { orgId }, query: { limit: USERS_PAGE, ...(cursor ? { cursor } : {}) } } }),
    );
    users.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return users;
}

/**
 * Every user of the organization with role and status, to offer approvers and delegates and to name them. Not asked
 * for a role the list is refused to (`enabled` false): those screens name people by what they know.
 */
export function useOrganizationUsers(orgId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['organization-users', 'all', orgId],
    enabled: !!orgId && enabled,
    staleTime: 60_000,
    queryFn: () => allUsers(orgId!),
  });
}

/** "Anna Admin (anna@example.org)". */
export function userLabel(user: Pick<OrganizationUser, 'firstName' | 'lastName' | 'username'>): string {
  const name = `${user.firstName} ${user.lastName}`.trim();
  return name ? `${name} (${user.username})` : user.username;
}

/** Who approves inside an organization: its active admins and billing admins. */
export function isApprover(user: OrganizationUser): boolean {
  return user.status === 'active' && (user.role === 'org_admin' || user.role === 'org_billing_admin');
}
