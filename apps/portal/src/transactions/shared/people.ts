import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import type { Person } from './person-label';

/**
 * The organization's users by id, to name requesters and deciders (the API gives ids). One list call, not one call
 * per id: a decider of the reseller is not a user of the organization, and asking for it would be refused.
 */
export function useOrganizationPeople(orgId: string | undefined) {
  return useQuery({
    queryKey: ['organization-people', orgId],
    enabled: !!orgId,
    staleTime: 60_000,
    queryFn: async () => {
      const page = unwrap(await api.GET('/api/v1/organizations/{orgId}/users', { params: { path: { orgId: orgId! }, query: { limit: 500 } } }));
      return new Map<string, Person>(page.items.map((user) => [user.id, user]));
    },
  });
}
