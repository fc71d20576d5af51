import { Injectable } from '@nestjs/common';
import { InternetDomainUsageRpc, normalizeInternetDomainName, type OrganizationDomainRequest } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { pendingInternetDomainOf } from '../domain/internet-domain-verification';
import { InternetDomainInUseError, InternetDomainNotFoundError, PrimaryDomainRemovalError } from '../domain/organization.errors';
import { OrganizationRepository } from '../organization.repository';

/**
 * A domain still waiting for verification is simply forgotten (it claims nothing).
 * Removes an extra domain: never the primary one (409), never one that users of the organization still have in
 * their usernames (409; identity is asked at this moment). The organization forgets the domain first, then the
 * claim is released so another organization may take it. A retry after a failure between the two steps finds
 * the claim still held by this organization and releases it.
 */
@Injectable()
export class RemoveInternetDomainHandler {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly rpc: RpcClient,
  ) {}

  async execute(request: OrganizationDomainRequest, at = new Date()): Promise<void> {
    const { actor, organizationId } = request;
    const organization = await this.organizations.loadFor(actor, organizationId, 'manageDomains');
    const domain = normalizeInternetDomainName(request.domain);
    if (!domain) throw new InternetDomainNotFoundError(request.domain);
    if (domain === organization.primaryDomain) throw new PrimaryDomainRemovalError(domain);
    if (!organization.domains.includes(domain) && pendingInternetDomainOf(organization, domain)) {
      await this.organizations.execute(actor, organization, { type: 'CancelDomainVerification', data: { organizationId, domain }, actorId: actor.userId, at });
      return;
    }
    if (!organization.domains.includes(domain)) {
      if ((await this.organizations.claimHolder(domain)) !== organization.id) throw new InternetDomainNotFoundError(domain);
      await this.organizations.releaseInternetDomain(actor, organization, domain, at);
      return;
    }

    const usage = await this.rpc.call(InternetDomainUsageRpc.usersInInternetDomain, { actor, organizationId, domain });
    if (usage.count > 0) throw new InternetDomainInUseError(domain, usage.count);

    await this.organizations.execute(actor, organization, { type: 'RemoveDomain', data: { organizationId, domain }, actorId: actor.userId, at });
    await this.organizations.releaseInternetDomain(actor, organization, domain, at);
  }
}
