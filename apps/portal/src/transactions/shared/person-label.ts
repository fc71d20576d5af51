export interface Person {
  firstName: string;
  lastName: string;
  username: string;
}

/** Who is looking: the signed-in user as far as naming needs it. */
export interface Viewer {
  id: string;
  username: string;
  role: string;
}

/**
 * A requester's or decider's name, to follow "by": the approval policy, the person signed in, a user of the
 * organization, or an administrator of the reseller (whose names the organization's roles cannot read).
 */
export function personLabel(id: string, people: Map<string, Person> | undefined, me: Viewer | null): string {
  if (id === 'policy') return 'the approval policy';
  if (me && id === me.id) return `you (${me.username})`;
  const person = people?.get(id);
  if (person) return `${`${person.firstName} ${person.lastName}`.trim()} (${person.username})`;
  return me?.role === 'reseller_admin' ? 'a reseller administrator' : 'an administrator of your provider';
}

/** The same name on its own, as a field's value. */
export function personName(id: string, people: Map<string, Person> | undefined, me: Viewer | null): string {
  const label = personLabel(id, people, me);
  return label.charAt(0).toUpperCase() + label.slice(1);
}
