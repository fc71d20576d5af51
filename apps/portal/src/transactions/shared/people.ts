import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import type { SessionUser } from '../../auth/session-store';

export interface Person {
  firstName: string;
  lastName: string;
  username: string;
}

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

/**
 * A requester's or decider's name, to follow "by": the approval policy, the person signed in, a user of the
 * organization, or an administrator of the reseller (whose names the organization's roles cannot read).
 */
export function personLabel(id: string, people: Map<string, Person> | undefined, me: SessionUser | null): string {
  if (id === 'policy') return 'the approval policy';
  if (me && id === me.id) return `you (${me.username})`;
  const person = people?.get(id);
  if (person) return `${`${person.firstName} ${person.lastName}`.trim()} (${person.username})`;
  return me?.role === 'reseller_admin' ? 'a reseller administrator' : 'an administrator of your provider';
}

/** The same name on its own, as a field's value. */
export function personName(id: string, people: Map<string, Person> | undefined, me: SessionUser | null): string {
  const label = personLabel(id, people, me);
  return label.charAt(0).toUpperCase() + label.slice(1);
}
