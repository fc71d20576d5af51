import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { normalizeInternetDomainName, type AddOrganizationDomainRequest, type OrganizationDomainView } from '@broker/contracts';
import { SERVICE_CONFIG } from '@broker/runtime';
import type { OrganizationsConfig } from '../../organizations.config';
import { isExpired, pendingInternetDomainOf, pendingInternetDomainView, verifiedInternetDomainView } from '../domain/internet-domain-verification';
import { TooManyPendingInternetDomainsError } from '../domain/organization.errors';
import { OrganizationRepository } from '../organization.repository';
import { InternetDomainAdoption } from '../shared/internet-domain-adoption';
import { invalidInternetDomainError } from '../shared/invalid-internet-domain.error';

/**
 * A reseller admin vouches for the domains it adds to its organizations: they are claimed platform-wide at once
 * (409 when another organization holds it). A domain an organization admin adds only starts a verification: it
 * claims nothing, so it neither blocks nor reveals another organization's claim, and it becomes the organization's
 * when its DNS TXT record is found (verify) or the reseller approves it. Adding a domain the organization already
 * has, or asked for and may still prove, changes nothing; an expired request is started again with a new token.
 */
/** Domains an organization may have waiting for proof at once (each is state on its stream until dropped). */
export const MAX_PENDING_DOMAINS = 20;

@Injectable()
export class AddInternetDomainHandler {
  private readonly ttlMs: number;

  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly adoption: InternetDomainAdoption,
    @Inject(SERVICE_CONFIG) config: Pick<OrganizationsConfig, 'domainVerificationTtlMs'>,
  ) {
    this.ttlMs = config.domainVerificationTtlMs;
  }

  async execute(request: AddOrganizationDomainRequest, at = new Date()): Promise<OrganizationDomainView> {
    const { actor, organizationId } = request;
    const domain = normalizeInternetDomainName(request.domain);
    if (!domain) throw invalidInternetDomainError('domain');
    const organization = await this.organizations.loadFor(actor, organizationId, 'manageDomains');
    if (organization.domains.includes(domain)) return verifiedInternetDomainView(organization, domain);
    if (actor.role === 'reseller_admin') return this.adoption.adopt(actor, organization, domain, 'reseller', at);

    const pending = pendingInternetDomainOf(organization, domain);
    if (pending && !isExpired(pending, this.ttlMs, at)) return pendingInternetDomainView(pending, this.ttlMs, at);
    const live = organization.pendingDomains.filter((p) => !isExpired(p, this.ttlMs, at)).length;
    if (live >= MAX_PENDING_DOMAINS) throw new TooManyPendingInternetDomainsError(MAX_PENDING_DOMAINS);
    const token = randomBytes(16).toString('hex');
    const next = await this.organizations.execute(actor, organization, { type: 'RequestDomainVerification', data: { organizationId, domain, token }, actorId: actor.userId, at });
    const requested = pendingInternetDomainOf(next, domain);
    return requested ? pendingInternetDomainView(requested, this.ttlMs, at) : verifiedInternetDomainView(next, domain);
  }
}
