import { Inject, Injectable } from '@nestjs/common';
import { normalizeInternetDomainName, type OrganizationDomainRequest, type OrganizationDomainView } from '@broker/contracts';
import { SERVICE_CONFIG } from '@broker/runtime';
import type { OrganizationsConfig } from '../../organizations.config';
import { InternetDomainOwnershipResolver } from '../internet-domain-ownership/internet-domain-ownership-resolver';
import { isExpired, pendingInternetDomainOf, verificationRecordOf, verifiedInternetDomainView } from '../domain/internet-domain-verification';
import { InternetDomainNotFoundError, InternetDomainNotVerifiedError, InternetDomainVerificationExpiredError } from '../domain/organization.errors';
import { OrganizationRepository } from '../organization.repository';
import { InternetDomainAdoption } from '../shared/internet-domain-adoption';

/**
 * Checks the DNS for a pending domain's TXT record now. Found: the domain is claimed platform-wide and becomes
 * the organization's (409 DOMAIN.ALREADY_CLAIMED only then, to one who proved control of the domain's DNS). Not
 * found: 409 naming the record to publish. An already verified domain answers as verified.
 */
@Injectable()
export class VerifyInternetDomainHandler {
  private readonly ttlMs: number;

  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly adoption: InternetDomainAdoption,
    private readonly resolver: InternetDomainOwnershipResolver,
    @Inject(SERVICE_CONFIG) config: Pick<OrganizationsConfig, 'domainVerificationTtlMs'>,
  ) {
    this.ttlMs = config.domainVerificationTtlMs;
  }

  async execute(request: OrganizationDomainRequest, at = new Date()): Promise<OrganizationDomainView> {
    const { actor, organizationId } = request;
    const organization = await this.organizations.loadFor(actor, organizationId, 'manageDomains');
    const domain = normalizeInternetDomainName(request.domain);
    if (!domain) throw new InternetDomainNotFoundError(request.domain);
    if (organization.domains.includes(domain)) return verifiedInternetDomainView(organization, domain);
    const pending = pendingInternetDomainOf(organization, domain);
    if (!pending) throw new InternetDomainNotFoundError(domain);
    if (isExpired(pending, this.ttlMs, at)) throw new InternetDomainVerificationExpiredError(domain);

    const record = verificationRecordOf(pending);
    const answer = await this.resolver.check(record);
    if (!answer.found) throw new InternetDomainNotVerifiedError(domain, record.recordName, record.recordValue, 'failure' in answer ? answer.failure : undefined);
    return this.adoption.adopt(actor, organization, domain, 'dns_txt', at);
  }
}
