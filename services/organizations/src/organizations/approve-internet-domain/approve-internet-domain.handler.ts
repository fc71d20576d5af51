import { Injectable } from '@nestjs/common';
import { normalizeInternetDomainName, type OrganizationDomainRequest, type OrganizationDomainView } from '@broker/contracts';
import { pendingInternetDomainOf, verifiedInternetDomainView } from '../domain/internet-domain-verification';
import { InternetDomainNotFoundError } from '../domain/organization.errors';
import { OrganizationRepository } from '../organization.repository';
import { InternetDomainAdoption } from '../shared/internet-domain-adoption';

/**
 * The reseller admin vouches for a domain an organization admin asked for (also after its request expired):
 * it is claimed platform-wide (409 when another organization holds it) and becomes the organization's.
 */
@Injectable()
export class ApproveInternetDomainHandler {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly adoption: InternetDomainAdoption,
  ) {}

  async execute(request: OrganizationDomainRequest, at = new Date()): Promise<OrganizationDomainView> {
    const { actor, organizationId } = request;
    const organization = await this.organizations.loadFor(actor, organizationId, 'approveDomains');
    const domain = normalizeInternetDomainName(request.domain);
    if (!domain) throw new InternetDomainNotFoundError(request.domain);
    if (organization.domains.includes(domain)) return verifiedInternetDomainView(organization, domain);
    if (!pendingInternetDomainOf(organization, domain)) throw new InternetDomainNotFoundError(domain);
    return this.adoption.adopt(actor, organization, domain, 'reseller_approval', at);
  }
}
