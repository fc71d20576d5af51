import { personLabel, personName } from './person-label';

describe('naming requesters and deciders', () => {
  const people = new Map([['u1', { firstName: 'Anna', lastName: 'Admin', username: 'anna@contoso.example' }]]);
  const orgAdmin = { id: 'u1', username: 'anna@contoso.example', role: 'org_admin' as const, resellerId: 'r1', organizationId: 'o1' };
  const reseller = { id: 'r9', username: 'rita@reseller.example', role: 'reseller_admin' as const, resellerId: 'r1', organizationId: null };

  it('names the approval policy, the person signed in and a user of the organization', () => {
    expect(personLabel('policy', people, orgAdmin)).toBe('the approval policy');
    expect(personLabel('u1', people, orgAdmin)).toBe('you (anna@contoso.example)');
    expect(personName('u1', people, reseller)).toBe('Anna Admin (anna@contoso.example)');
  });

  it("calls a reseller's administrator so, whose name the organization cannot read", () => {
    expect(personName('r2', people, orgAdmin)).toBe('An administrator of your provider');
    expect(personName('r2', people, reseller)).toBe('A reseller administrator');
    expect(personName('r2', undefined, orgAdmin)).toBe('An administrator of your provider');
  });
});
