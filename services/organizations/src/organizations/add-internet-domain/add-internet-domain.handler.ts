import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { normalizeDomainName, type AddOrganizationDomainRequest, type OrganizationDomainView } from '@broker/contracts';
import { SERVICE_CONFIG } from '@broker/runtime';
import type { OrganizationsConfig } from '../../organizations.config';
import { isExpired, pendingDomainOf, pendingDomainView, verifiedDomainView } from '../domain/internet-domain-verification';
import { TooManyPendingDomainsError } from '../domain/organization.errors';
import { OrganizationRepository } from '../organization.repository';
import { DomainAdoption } from '../shared/internet-domain-adoption';
import { invalidDomainError } from '../shared/invalid-internet-domain.error';

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
export class AddDomainHandler {
  private readonly ttlMs: number;

  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly adoption: DomainAdoption,
    @Inject(SERVICE_CONFIG) config: Pick<OrganizationsConfig, 'domainVerificationTtlMs'>,
  ) {
    this.ttlMs = config.domainVerificationTtlMs;
  }

  async execute(request: AddOrganizationDomainRequest, at = new Date()): Promise<OrganizationDomainView> {
    const { actor, organizationId } = request;
    const domain = normalizeDomainName(request.domain);
    if (!domain) throw invalidDomainError('domain');
    const organization = await this.organizations.loadFor(actor, organizationId, 'manageDomains');
    if (organization.domains.includes(domain)) return verifiedDomainView(organization, domain);
    if (actor.role === 'reseller_admin') return this.adoption.adopt(actor, organization, domain, 'reseller', at);

    const pending = pendingDomainOf(organization, domain);
    if (pending && !isExpired(pending, this.ttlMs, at)) return pendingDomainView(pending, this.ttlMs, at);
    const live = organization.pendingDomains.filter((p) => !isExpired(p, this.ttlMs, at)).length;
    if (live >= MAX_PENDING_DOMAINS) throw new TooManyPendingDomainsError(MAX_PENDING_DOMAINS);
    const token = randomBytes(16).toString('hex');
    const next = await this.organizations.execute(actor, organization, { type: 'RequestDomainVerification', data: { organizationId, domain, token }, actorId: actor.userId, at });
    const requested = pendingDomainOf(next, domain);
    return requested ? pendingDomainView(requested, this.ttlMs, at) : verifiedDomainView(next, domain);
  }
}
