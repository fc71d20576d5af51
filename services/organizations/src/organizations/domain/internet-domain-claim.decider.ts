import type { Decider } from '@broker/event-sourcing';
import type { InternetDomainClaimEvent } from './internet-domain-claim.events';
import { InternetDomainAlreadyClaimedError } from './organization.errors';

export type InternetDomainClaimCommand =
  | { type: 'ClaimDomain'; data: { domain: string; organizationId: string; resellerId: string }; actorId: string; at: Date }
  | { type: 'ReleaseDomain'; data: { domain: string; organizationId: string }; actorId: string; at: Date };

export type InternetDomainClaimState = { status: 'free' } | { status: 'claimed'; organizationId: string };

/** Claiming is idempotent for the holder; releasing what another organization holds records nothing. */
export const internetDomainClaimDecider: Decider<InternetDomainClaimCommand, InternetDomainClaimEvent, InternetDomainClaimState> = {
  initialState: () => ({ status: 'free' }),

  decide(command, state) {
    const { domain, organizationId } = command.data;
    switch (command.type) {
      case 'ClaimDomain':
        if (state.status === 'claimed') {
          if (state.organizationId === organizationId) return [];
          throw new InternetDomainAlreadyClaimedError(domain);
        }
        return [
          { type: 'DomainClaimed', data: { domain, organizationId, resellerId: command.data.resellerId, claimedBy: command.actorId, claimedAt: command.at.toISOString() } },
        ];
      case 'ReleaseDomain':
        if (state.status !== 'claimed' || state.organizationId !== organizationId) return [];
        return [{ type: 'DomainReleased', data: { domain, organizationId, releasedBy: command.actorId, releasedAt: command.at.toISOString() } }];
    }
  },

  evolve(_state, event) {
    switch (event.type) {
      case 'DomainClaimed':
        return { status: 'claimed', organizationId: event.data.organizationId };
      case 'DomainReleased':
        return { status: 'free' };
    }
  },
};
