import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { GetOrganizationRequest, OrganizationRpc, type OrganizationDomainView } from '@broker/contracts';
import { SERVICE_CONFIG } from '@broker/runtime';
import type { OrganizationsConfig } from '../../organizations.config';
import { internetDomainViewsOf } from '../domain/internet-domain-verification';
import { mayDo } from '../domain/organization-access';
import { OrganizationRepository } from '../organization.repository';

/** The organization's domains with their status, from its stream; the records to publish only to those who manage them. */
@Controller()
export class ListInternetDomainsController {
  constructor(
    private readonly organizations: OrganizationRepository,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<OrganizationsConfig, 'domainVerificationTtlMs'>,
  ) {}

  @RpcHandler(OrganizationRpc.listDomains)
  async list(@Payload() request: GetOrganizationRequest): Promise<OrganizationDomainView[]> {
    const organization = await this.organizations.loadFor(request.actor, request.organizationId, 'read');
    return internetDomainViewsOf(organization, this.config.domainVerificationTtlMs, new Date(), mayDo(request.actor, 'manageDomains'));
  }
}
