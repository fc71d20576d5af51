import { Inject, Injectable } from '@nestjs/common';
import { nameBasedId, type ActorDto } from '@broker/contracts';
import { handleCommand, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE } from '@broker/runtime';
import { domainClaimDecider, type DomainClaimState } from '../domain/domain-claim.decider';
import type { DomainClaimEvent } from '../domain/domain-claim.events';
import { mayDo, maySeeOrganization, type OrganizationPermission } from '../domain/organization-access';
import { organizationDecider, type ActiveOrganization, type OrganizationCommand, type OrganizationState } from '../domain/organization.decider';
import { organizationStreamId, type OrganizationEvent } from '../domain/organization.events';
import { OrganizationForbiddenError, OrganizationNotFoundError } from '../domain/organization.errors';

export const domainClaimStreamId = (domain: string): string => `domain-${nameBasedId(`organization-domain:${domain}`)}`;

/** A concurrent writer on the same stream makes the command reload and decide again this many times. */
const RETRIES = 3;

/**
 * Organizations and domain claims, read from their streams (never from a read model), so a read right after a
 * write sees it and checks made at the moment of a command hold.
 */
@Injectable()
export class OrganizationRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(organizationId: string): Promise<OrganizationState> {
    const events = await this.store.readStream(organizationStreamId(organizationId));
    return events.reduce((state, e) => organizationDecider.evolve(state, { type: e.type, data: e.data } as OrganizationEvent), organizationDecider.initialState());
  }

  /**
   * The organization as the actor may use it: "not found" when it is missing or the actor may not see it (the
   * same answer for both), "forbidden" when the actor sees it but its role may not do this.
   */
  async loadFor(actor: ActorDto, organizationId: string, permission: OrganizationPermission): Promise<ActiveOrganization> {
    const state = await this.load(organizationId);
    if (state.status === 'none' || !maySeeOrganization(actor, state)) throw new OrganizationNotFoundError(organizationId);
    if (!mayDo(actor, permission)) throw new OrganizationForbiddenError(describe(permission));
    return state;
  }

  async execute(actor: ActorDto, organization: Pick<ActiveOrganization, 'id' | 'resellerId'>, command: OrganizationCommand): Promise<ActiveOrganization> {
    const result = await handleCommand(this.store, organizationStreamId(organization.id), organizationDecider, command, {
      metadata: commandMetadata(actor, { resellerId: organization.resellerId, organizationId: organization.id }),
      retries: RETRIES,
    });
    if (result.newState.status === 'none') throw new OrganizationNotFoundError(organization.id);
    return result.newState;
  }

  async claimHolder(domain: string): Promise<string | null> {
    const state = await this.claimState(domain);
    return state.status === 'claimed' ? state.organizationId : null;
  }

  /**
   * Throws DOMAIN.ALREADY_CLAIMED when another organization holds the domain; nothing happens when this one does.
   * True when this call made the claim (only such a claim may be given back when the rest of the command fails).
   */
  async claimDomain(actor: ActorDto, organization: Pick<ActiveOrganization, 'id' | 'resellerId'>, domain: string, at: Date): Promise<boolean> {
    const result = await handleCommand(
      this.store,
      domainClaimStreamId(domain),
      domainClaimDecider,
      { type: 'ClaimDomain', data: { domain, organizationId: organization.id, resellerId: organization.resellerId }, actorId: actor.userId, at },
      { metadata: commandMetadata(actor, { resellerId: organization.resellerId, organizationId: organization.id }), retries: RETRIES },
    );
    return result.newEvents.length > 0;
  }

  /** Lets another organization claim the domain later; nothing happens unless this organization holds it. */
  async releaseDomain(actor: ActorDto, organization: Pick<ActiveOrganization, 'id' | 'resellerId'>, domain: string, at: Date): Promise<void> {
    await handleCommand(
      this.store,
      domainClaimStreamId(domain),
      domainClaimDecider,
      { type: 'ReleaseDomain', data: { domain, organizationId: organization.id }, actorId: actor.userId, at },
      { metadata: commandMetadata(actor, { resellerId: organization.resellerId, organizationId: organization.id }), retries: RETRIES },
    );
  }

  private async claimState(domain: string): Promise<DomainClaimState> {
    const events = await this.store.readStream(domainClaimStreamId(domain));
    return events.reduce((state, e) => domainClaimDecider.evolve(state, { type: e.type, data: e.data } as DomainClaimEvent), domainClaimDecider.initialState());
  }
}

function describe(permission: OrganizationPermission): string {
  switch (permission) {
    case 'read':
      return 'read this organization';
    case 'change':
      return 'change this organization';
    case 'manageDomains':
      return "manage this organization's domains";
    case 'readSettings':
      return "read this organization's settings";
    case 'changeSettings':
      return "change this organization's settings";
  }
}
