import { Injectable } from '@nestjs/common';
import { normalizeDomainName, type OrganizationDomainRequest, type OrganizationDomainView } from '@broker/contracts';
import { pendingDomainOf, verifiedDomainView } from '../domain/internet-domain-verification';
import { DomainNotFoundError } from '../domain/organization.errors';
import { OrganizationRepository } from '../organization.repository';
import { DomainAdoption } from '../shared/internet-domain-adoption';

/**
 * The reseller admin vouches for a domain an organization admin asked for (also after its request expired):
 * it is claimed platform-wide (409 when another organization holds it) and becomes the organization's.
 */
@Injectable()
export class ApproveDomainHandler {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly adoption: DomainAdoption,
  ) {}

  async execute(request: OrganizationDomainRequest, at = new Date()): Promise<OrganizationDomainView> {
    const { actor, organizationId } = request;
    const organization = await this.organizations.loadFor(actor, organizationId, 'approveDomains');
    const domain = normalizeDomainName(request.domain);
    if (!domain) throw new DomainNotFoundError(request.domain);
    if (organization.domains.includes(domain)) return verifiedDomainView(organization, domain);
    if (!pendingDomainOf(organization, domain)) throw new DomainNotFoundError(domain);
    return this.adoption.adopt(actor, organization, domain, 'reseller_approval', at);
  }
}
