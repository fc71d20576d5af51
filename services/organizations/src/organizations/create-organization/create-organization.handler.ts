import { Inject, Injectable } from '@nestjs/common';
import { normalizeInternetDomainName, type CreateOrganizationRequest, type OrganizationView } from '@broker/contracts';
import type { EventStore } from '@broker/event-sourcing';
import { EVENT_STORE, LOGGER } from '@broker/runtime';
import type { Logger } from 'pino';
import { resellerStreamId } from '../../resellers/domain/reseller.events';
import { ResellerNotFoundError } from '../../resellers/domain/reseller.errors';
import { OrganizationForbiddenError } from '../domain/organization.errors';
import { toOrganizationView } from '../get-organization/organization.view';
import { OrganizationRepository } from '../organization.repository';
import { invalidInternetDomainError } from '../shared/invalid-internet-domain.error';

/**
 * Creates an organization of the caller's own reseller. Its primary domain is claimed first: a domain another
 * organization holds answers 409 and creates nothing. Should recording the organization then fail, a claim made by
 * this call is given back so the domain is not lost.
 */
@Injectable()
export class CreateOrganizationHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly organizations: OrganizationRepository,
  ) {}

  async execute(request: CreateOrganizationRequest, at = new Date()): Promise<OrganizationView> {
    const { actor, organizationId, name, notificationEmail } = request;
    if (actor.role !== 'reseller_admin' || !actor.resellerId) throw new OrganizationForbiddenError('create organizations');
    const primaryDomain = normalizeInternetDomainName(request.primaryDomain);
    if (!primaryDomain) throw invalidInternetDomainError('primaryDomain');
    const resellerId = actor.resellerId;
    if ((await this.store.readStream(resellerStreamId(resellerId), { maxCount: 1 })).length === 0) throw new ResellerNotFoundError(resellerId);

    const organization = { id: organizationId, resellerId };
    const claimed = await this.organizations.claimInternetDomain(actor, organization, primaryDomain, at);
    try {
      const created = await this.organizations.execute(actor, organization, {
        type: 'CreateOrganization',
        data: { organizationId, resellerId, name: name.trim(), primaryDomain, notificationEmail },
        actorId: actor.userId,
        at,
      });
      return toOrganizationView(created);
    } catch (error) {
      if (!claimed) throw error; // held before this call (a retry): not ours to give back
      await this.organizations.releaseInternetDomain(actor, organization, primaryDomain, at).catch((releaseError: unknown) => {
        this.logger.error({ err: releaseError, domain: primaryDomain, organizationId }, 'Could not release the domain of an organization that was not created');
      });
      throw error;
    }
  }
}
