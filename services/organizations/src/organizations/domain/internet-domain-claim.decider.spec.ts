import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { internetDomainClaimDecider } from './internet-domain-claim.decider';
import type { InternetDomainClaimEvent } from './internet-domain-claim.events';
import { InternetDomainAlreadyClaimedError } from './organization.errors';

const spec = DeciderSpecification.for(internetDomainClaimDecider);
const at = new Date('2026-03-16T09:00:00Z');
const claimedBy = (organizationId: string): InternetDomainClaimEvent => ({
  type: 'DomainClaimed',
  data: { domain: 'contoso.com', organizationId, resellerId: 'r-1', claimedBy: 'u-1', claimedAt: at.toISOString() },
});
const releasedBy = (organizationId: string): InternetDomainClaimEvent => ({
  type: 'DomainReleased',
  data: { domain: 'contoso.com', organizationId, releasedBy: 'u-1', releasedAt: at.toISOString() },
});
const claim = (organizationId: string) => ({ type: 'ClaimDomain' as const, data: { domain: 'contoso.com', organizationId, resellerId: 'r-1' }, actorId: 'u-1', at });
const release = (organizationId: string) => ({ type: 'ReleaseDomain' as const, data: { domain: 'contoso.com', organizationId }, actorId: 'u-1', at });

describe('domain claim decider', () => {
  it('lets the first organization claim a free domain', () => {
    spec.when(claim('o-1')).then([claimedBy('o-1')]);
  });

  it('refuses a domain another organization holds, and changes nothing for the holder', () => {
    spec.given([claimedBy('o-1')]).when(claim('o-2')).thenThrows(InternetDomainAlreadyClaimedError, (e) => e.code === 'DOMAIN.ALREADY_CLAIMED');
    spec.given([claimedBy('o-1')]).when(claim('o-1')).then([]);
  });

  it('releases only what the organization holds, and a released domain can be claimed by another', () => {
    spec.given([claimedBy('o-1')]).when(release('o-1')).then([releasedBy('o-1')]);
    spec.given([claimedBy('o-1')]).when(release('o-2')).then([]);
    spec.when(release('o-1')).then([]);
    spec.given([claimedBy('o-1'), releasedBy('o-1')]).when(release('o-1')).then([]);
    spec.given([claimedBy('o-1'), releasedBy('o-1')]).when(claim('o-2')).then([claimedBy('o-2')]);
  });
});
