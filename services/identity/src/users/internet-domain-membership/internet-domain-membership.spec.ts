import { internetDomainMembershipStreamId, internetDomainOf, membersOf, type InternetDomainMembershipEvent } from './internet-domain-membership';

const added = (userId: string): InternetDomainMembershipEvent => ({ type: 'DomainUserAdded', data: { organizationId: 'o-1', domain: 'contoso.com', userId } });
const removed = (userId: string): InternetDomainMembershipEvent => ({ type: 'DomainUserRemoved', data: { organizationId: 'o-1', domain: 'contoso.com', userId } });

describe('domain membership', () => {
  it('takes the domain of a username in lower case', () => {
    expect(internetDomainOf('Anna.Berg@Contoso.COM')).toBe('contoso.com');
  });

  it('counts the users added and not removed since', () => {
    expect([...membersOf([added('u-1'), added('u-2'), removed('u-1'), added('u-2')]).keys()]).toEqual(['u-2']);
    expect(membersOf([]).size).toBe(0);
  });

  it('keeps one stream per organization and domain, whatever the case', () => {
    expect(internetDomainMembershipStreamId('o-1', 'Contoso.com')).toBe(internetDomainMembershipStreamId('o-1', 'contoso.com'));
    expect(internetDomainMembershipStreamId('o-1', 'contoso.com')).not.toBe(internetDomainMembershipStreamId('o-2', 'contoso.com'));
  });
});
