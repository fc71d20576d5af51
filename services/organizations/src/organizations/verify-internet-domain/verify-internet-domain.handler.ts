import { Inject, Injectable } from '@nestjs/common';
import { normalizeDomainName, type OrganizationDomainRequest, type OrganizationDomainView } from '@broker/contracts';
import { SERVICE_CONFIG } from '@broker/runtime';
import type { OrganizationsConfig } from '../../organizations.config';
import { DomainOwnershipResolver } from '../internet-domain-ownership/internet-domain-ownership-resolver';
import { isExpired, pendingDomainOf, verificationRecordOf, verifiedDomainView } from '../domain/internet-domain-verification';
import { DomainNotFoundError, DomainNotVerifiedError, DomainVerificationExpiredError } from '../domain/organization.errors';
import { OrganizationRepository } from '../organization.repository';
import { DomainAdoption } from '../shared/internet-domain-adoption';

/**
 * Checks the DNS for a pending domain's TXT record now. Found: the domain is claimed platform-wide and becomes
 * the organization's (409 DOMAIN.ALREADY_CLAIMED only then, to one who proved control of the domain's DNS). Not
 * found: 409 naming the record to publish. An already verified domain answers as verified.
 */
@Injectable()
export class VerifyDomainHandler {
  private readonly ttlMs: number;

  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly adoption: DomainAdoption,
    private readonly resolver: DomainOwnershipResolver,
    @Inject(SERVICE_CONFIG) config: Pick<OrganizationsConfig, 'domainVerificationTtlMs'>,
  ) {
    this.ttlMs = config.domainVerificationTtlMs;
  }

  async execute(request: OrganizationDomainRequest, at = new Date()): Promise<OrganizationDomainView> {
    const { actor, organizationId } = request;
    const organization = await this.organizations.loadFor(actor, organizationId, 'manageDomains');
    const domain = normalizeDomainName(request.domain);
    if (!domain) throw new DomainNotFoundError(request.domain);
    if (organization.domains.includes(domain)) return verifiedDomainView(organization, domain);
    const pending = pendingDomainOf(organization, domain);
    if (!pending) throw new DomainNotFoundError(domain);
    if (isExpired(pending, this.ttlMs, at)) throw new DomainVerificationExpiredError(domain);

    const record = verificationRecordOf(pending);
    const answer = await this.resolver.check(record);
    if (!answer.found) throw new DomainNotVerifiedError(domain, record.recordName, record.recordValue, 'failure' in answer ? answer.failure : undefined);
    return this.adoption.adopt(actor, organization, domain, 'dns_txt', at);
  }
}
