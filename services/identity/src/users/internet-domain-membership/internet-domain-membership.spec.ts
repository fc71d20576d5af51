import { domainMembershipStreamId, domainOf, membersOf, type DomainMembershipEvent } from './internet-domain-membership';

const added = (userId: string): DomainMembershipEvent => ({ type: 'DomainUserAdded', data: { organizationId: 'o-1', domain: 'contoso.com', userId } });
const removed = (userId: string): DomainMembershipEvent => ({ type: 'DomainUserRemoved', data: { organizationId: 'o-1', domain: 'contoso.com', userId } });

describe('domain membership', () => {
  it('takes the domain of a username in lower case', () => {
    expect(domainOf('Anna.Berg@Contoso.COM')).toBe('contoso.com');
  });

  it('counts the users added and not removed since', () => {
    expect([...membersOf([added('u-1'), added('u-2'), removed('u-1'), added('u-2')]).keys()]).toEqual(['u-2']);
    expect(membersOf([]).size).toBe(0);
  });

  it('keeps one stream per organization and domain, whatever the case', () => {
    expect(domainMembershipStreamId('o-1', 'Contoso.com')).toBe(domainMembershipStreamId('o-1', 'contoso.com'));
    expect(domainMembershipStreamId('o-1', 'contoso.com')).not.toBe(domainMembershipStreamId('o-2', 'contoso.com'));
  });
});
