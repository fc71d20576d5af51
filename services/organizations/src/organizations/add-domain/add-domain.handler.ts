import { Inject, Injectable } from '@nestjs/common';
import { normalizeDomainName, type AddOrganizationDomainRequest, type OrganizationDomainView } from '@broker/contracts';
import { LOGGER } from '@broker/runtime';
import type { Logger } from 'pino';
import { OrganizationRepository } from '../organization-repository/organization-repository';
import { invalidDomainError } from '../shared/invalid-domain.error';

/**
 * Claims the domain platform-wide (409 when another organization holds it), then records it on the organization.
 * Adding a domain the organization already has changes nothing. A retry after a failure half-way finds the claim
 * already held by this organization and finishes the job.
 */
@Injectable()
export class AddDomainHandler {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly organizations: OrganizationRepository,
  ) {}

  async execute(request: AddOrganizationDomainRequest, at = new Date()): Promise<OrganizationDomainView> {
    const { actor, organizationId } = request;
    const domain = normalizeDomainName(request.domain);
    if (!domain) throw invalidDomainError('domain');
    const organization = await this.organizations.loadFor(actor, organizationId, 'manageDomains');
    if (organization.domains.includes(domain)) return { domain, primary: domain === organization.primaryDomain };

    const claimed = await this.organizations.claimDomain(actor, organization, domain, at);
    try {
      await this.organizations.execute(actor, organization, { type: 'AddDomain', data: { organizationId, domain }, actorId: actor.userId, at });
    } catch (error) {
      if (!claimed) throw error; // claimed by an earlier attempt: the next retry finishes the job
      await this.organizations.releaseDomain(actor, organization, domain, at).catch((releaseError: unknown) => {
        this.logger.error({ err: releaseError, domain, organizationId }, 'Could not release the claim of a domain that was not added');
      });
      throw error;
    }
    return { domain, primary: false };
  }
}
