import { Inject, Injectable } from '@nestjs/common';
import { maySeeOrganization, nameBasedId, type ActorDto } from '@broker/contracts';
import { randomUUID } from 'node:crypto';
import { handleCommand, WrongExpectedRevisionError, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE } from '@broker/runtime';
import { internetDomainClaimDecider, type InternetDomainClaimState } from './domain/internet-domain-claim.decider';
import type { InternetDomainClaimEvent } from './domain/internet-domain-claim.events';
import { mayDo, type OrganizationPermission } from './domain/organization-access';
import { organizationDecider, type ActiveOrganization, type OrganizationCommand, type OrganizationState } from './domain/organization.decider';
import { organizationStreamId, type OrganizationEvent } from './domain/organization.events';
import { OrganizationForbiddenError, OrganizationNotFoundError } from './domain/organization.errors';
import { evolveVersioned, NO_ORGANIZATION, OrganizationSettingsVersionMismatchError, type VersionedOrganization } from './settings-version';

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
    return (await this.loadVersioned(organizationId)).state;
  }

  /** The organization with its stream's revision and the version of its settings. */
  async loadVersioned(organizationId: string): Promise<VersionedOrganization> {
    const events = await this.store.readStream(organizationStreamId(organizationId));
    return events.reduce((current, e) => evolveVersioned(current, { type: e.type, data: e.data } as OrganizationEvent, e.revision), NO_ORGANIZATION);
  }

  /**
   * The organization as the actor may use it: "not found" when it is missing or the actor may not see it (the
   * same answer for both), "forbidden" when the actor sees it but its role may not do this.
   */
  async loadFor(actor: ActorDto, organizationId: string, permission: OrganizationPermission): Promise<ActiveOrganization> {
    return (await this.loadVersionedFor(actor, organizationId, permission)).state;
  }

  /** As loadFor, with the stream's revision and the version of the settings. */
  async loadVersionedFor(actor: ActorDto, organizationId: string, permission: OrganizationPermission): Promise<VersionedOrganization & { state: ActiveOrganization }> {
    const loaded = await this.loadVersioned(organizationId);
    const { state } = loaded;
    if (state.status === 'none' || !maySeeOrganization(actor, { organizationId: state.id, resellerId: state.resellerId })) throw new OrganizationNotFoundError(organizationId);
    if (!mayDo(actor, permission)) throw new OrganizationForbiddenError(describe(permission));
    return { ...loaded, state };
  }

  async execute(actor: ActorDto, organization: Pick<ActiveOrganization, 'id' | 'resellerId'>, command: OrganizationCommand): Promise<ActiveOrganization> {
    const result = await handleCommand(this.store, organizationStreamId(organization.id), organizationDecider, command, {
      metadata: commandMetadata(actor, { resellerId: organization.resellerId, organizationId: organization.id }),
      retries: RETRIES,
    });
    if (result.newState.status === 'none') throw new OrganizationNotFoundError(organization.id);
    return result.newState;
  }

  /**
   * Runs a command while the settings are at one of `expectedVersions` (If-Match; absent: any version). The check is
   * made on the state the command is decided on and the append expects exactly that stream's revision, so the check
   * and the write are one step: after a concurrent append (a new name or domain, or new settings) it checks and
   * decides again, and answers ORGANIZATION_SETTINGS.VERSION_MISMATCH only when the settings changed.
   */
  async executeOnSettings(
    actor: ActorDto,
    organization: Pick<ActiveOrganization, 'id' | 'resellerId'>,
    command: OrganizationCommand,
    expectedVersions?: readonly string[],
  ): Promise<VersionedOrganization & { state: ActiveOrganization }> {
    const streamId = organizationStreamId(organization.id);
    const metadata = commandMetadata(actor, { resellerId: organization.resellerId, organizationId: organization.id });
    for (let attempt = 0; ; attempt++) {
      const loaded = await this.loadVersioned(organization.id);
      if (loaded.state.status === 'none') throw new OrganizationNotFoundError(organization.id);
      if (expectedVersions !== undefined && !expectedVersions.includes(loaded.settingsVersion)) throw new OrganizationSettingsVersionMismatchError();
      const events = organizationDecider.decide(command, loaded.state);
      let next = loaded;
      if (events.length > 0) {
        try {
          await this.store.appendToStream(
            streamId,
            events.map((event) => ({ id: randomUUID(), type: event.type, data: { ...event.data }, metadata: { ...metadata } })),
            loaded.revision ?? 'no_stream',
          );
        } catch (error) {
          if (error instanceof WrongExpectedRevisionError && attempt < RETRIES) continue;
          throw error;
        }
        const first = (loaded.revision ?? -1n) + 1n;
        next = events.reduce((current, event, i) => evolveVersioned(current, event, first + BigInt(i)), loaded);
      }
      if (next.state.status === 'none') throw new OrganizationNotFoundError(organization.id);
      return { ...next, state: next.state };
    }
  }

  async claimHolder(domain: string): Promise<string | null> {
    const state = await this.claimState(domain);
    return state.status === 'claimed' ? state.organizationId : null;
  }

  /**
   * Throws DOMAIN.ALREADY_CLAIMED when another organization holds the domain; nothing happens when this one does.
   * True when this call made the claim (only such a claim may be given back when the rest of the command fails).
   */
  async claimInternetDomain(actor: ActorDto, organization: Pick<ActiveOrganization, 'id' | 'resellerId'>, domain: string, at: Date): Promise<boolean> {
    const result = await handleCommand(
      this.store,
      domainClaimStreamId(domain),
      internetDomainClaimDecider,
      { type: 'ClaimDomain', data: { domain, organizationId: organization.id, resellerId: organization.resellerId }, actorId: actor.userId, at },
      { metadata: commandMetadata(actor, { resellerId: organization.resellerId, organizationId: organization.id }), retries: RETRIES },
    );
    return result.newEvents.length > 0;
  }

  /** Lets another organization claim the domain later; nothing happens unless this organization holds it. */
  async releaseInternetDomain(actor: ActorDto, organization: Pick<ActiveOrganization, 'id' | 'resellerId'>, domain: string, at: Date): Promise<void> {
    await handleCommand(
      this.store,
      domainClaimStreamId(domain),
      internetDomainClaimDecider,
      { type: 'ReleaseDomain', data: { domain, organizationId: organization.id }, actorId: actor.userId, at },
      { metadata: commandMetadata(actor, { resellerId: organization.resellerId, organizationId: organization.id }), retries: RETRIES },
    );
  }

  private async claimState(domain: string): Promise<InternetDomainClaimState> {
    const events = await this.store.readStream(domainClaimStreamId(domain));
    return events.reduce((state, e) => internetDomainClaimDecider.evolve(state, { type: e.type, data: e.data } as InternetDomainClaimEvent), internetDomainClaimDecider.initialState());
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
    case 'approveDomains':
      return "approve this organization's domains";
    case 'readSettings':
      return "read this organization's settings";
    case 'changeSettings':
      return "change this organization's settings";
    case 'readSupportAccesses':
      return "list this organization's support accesses";
  }
}
