import { Inject, Injectable } from '@nestjs/common';
import type { ActorDto, OrganizationDomainView } from '@broker/contracts';
import { LOGGER } from '@broker/runtime';
import type { Logger } from 'pino';
import { verifiedInternetDomainView } from '../domain/internet-domain-verification';
import type { ActiveOrganization } from '../domain/organization.decider';
import type { InternetDomainProof } from '../domain/organization.events';
import { OrganizationRepository } from '../organization.repository';

/**
 * Makes a domain the organization's for sure: claims it platform-wide (409 when another organization holds it),
 * then records it on the organization. A retry after a failure half-way finds the claim already held by this
 * organization and finishes the job; a claim this call made is given back when the record fails.
 */
@Injectable()
export class InternetDomainAdoption {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly organizations: OrganizationRepository,
  ) {}

  async adopt(actor: ActorDto, organization: ActiveOrganization, domain: string, proof: InternetDomainProof, at: Date): Promise<OrganizationDomainView> {
    if (organization.domains.includes(domain)) return verifiedInternetDomainView(organization, domain);
    const organizationId = organization.id;
    const claimed = await this.organizations.claimInternetDomain(actor, organization, domain, at);
    try {
      await this.organizations.execute(actor, organization, { type: 'AddDomain', data: { organizationId, domain, proof }, actorId: actor.userId, at });
    } catch (error) {
      if (!claimed) throw error; // claimed by an earlier attempt: the next retry finishes the job
      await this.organizations.releaseInternetDomain(actor, organization, domain, at).catch((releaseError: unknown) => {
        this.logger.error({ err: releaseError, domain, organizationId }, 'Could not release the claim of a domain that was not added');
      });
      throw error;
    }
    return verifiedInternetDomainView(organization, domain);
  }
}
