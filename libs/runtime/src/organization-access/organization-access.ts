import { Injectable } from '@nestjs/common';
import {
  maySeeOrganization,
  OrganizationLookupRpc,
  ORGANIZATION_ROLES,
  type ActorDto,
  type LookupOrganizationRequest,
  type OrganizationLookup,
  type OrganizationTenant,
  type Role,
} from '@broker/contracts';
import { DomainError } from '@broker/event-sourcing';
import { RpcClient } from '@broker/messaging';

/** The organizations service's own answer for a missing organization and another tenant's alike. */
export class OrganizationNotFoundError extends DomainError {
  constructor(organizationId: string) {
    super('ORGANIZATION.NOT_FOUND', `Organization ${organizationId} was not found`);
  }
}

/** Who may do one thing to an organization, and the service's own 403 for everyone else. */
export interface OrganizationRule {
  roles: readonly Role[];
  forbidden: () => Error;
}

export interface OrganizationLookupOptions {
  /** Also name the reseller's currency (amounts of the organization are in it). */
  includeCurrency?: boolean;
}

/** What never changes about an organization once it exists: its reseller, and the reseller's currency. */
interface FixedFacts {
  resellerId: string;
  /** Undefined until a lookup asked for it; null when the reseller has none. */
  currency: string | null | undefined;
}

/** Organizations whose fixed facts are remembered at most; the oldest is forgotten first. */
const REMEMBERED_ORGANIZATIONS = 10_000;

/**
 * The one way a service checks an actor's access to an organization it does not own: the tenant with the
 * organizations service (ORGANIZATION.NOT_FOUND, 404, for a missing organization and another tenant's alike), then
 * the role here (the rule's 403). The tenant comes first, so a 403 never tells that another tenant's organization
 * exists. An organization is never deleted and never changes reseller or currency, so what a lookup answered of
 * those is remembered and decides later requests with the same rule the organizations service applies
 * (maySeeOrganization), without asking again; what can change (name, domains, e-mail) is always asked.
 */
@Injectable()
export class OrganizationAccessClient {
  private readonly fixed = new Map<string, FixedFacts>();

  constructor(private readonly rpc: RpcClient) {}

  /** The organization now, as the actor may see it. */
  async lookup(actor: ActorDto, organizationId: string, options: OrganizationLookupOptions = {}): Promise<OrganizationLookup> {
    const request: LookupOrganizationRequest = { actor, organizationId, ...(options.includeCurrency ? { includeCurrency: true } : {}) };
    const organization = await this.rpc.call(OrganizationLookupRpc.lookup, request);
    this.remember(organizationId, { resellerId: organization.resellerId, currency: options.includeCurrency ? (organization.currency ?? null) : undefined });
    return organization;
  }

  /** Tenant, then role; answers the organization as the lookup names it. */
  async check(actor: ActorDto, organizationId: string, rule: OrganizationRule, options: OrganizationLookupOptions = {}): Promise<OrganizationLookup> {
    claimedTenant(actor, organizationId);
    const organization = await this.lookup(actor, organizationId, options);
    requireRole(actor, rule);
    return organization;
  }

  /**
   * The organization's tenant as the actor may see it. An organization role carries its organization, so it is
   * decided from the actor without asking; the others learn from the lookup (or what an earlier one answered) that
   * it exists and whose it is.
   */
  async tenant(actor: ActorDto, organizationId: string): Promise<OrganizationTenant> {
    const claimed = claimedTenant(actor, organizationId);
    if (claimed) return claimed;
    const known = this.fixed.get(organizationId);
    if (known) return this.seenBy(actor, organizationId, known.resellerId);
    const { resellerId } = await this.lookup(actor, organizationId);
    return { organizationId, resellerId };
  }

  /** Tenant, then role, when nothing of the organization is needed (no lookup for an organization role). */
  async authorize(actor: ActorDto, organizationId: string, rule: OrganizationRule): Promise<OrganizationTenant> {
    const tenant = await this.tenant(actor, organizationId);
    requireRole(actor, rule);
    return tenant;
  }

  /**
   * As check with the currency, for callers that need only what never changes: the reseller and its currency
   * (absent when the reseller has none). Asked once per organization.
   */
  async authorizeWithCurrency(actor: ActorDto, organizationId: string, rule: OrganizationRule): Promise<{ organizationId: string; resellerId: string; currency?: string }> {
    const known = this.fixed.get(organizationId);
    if (known && known.currency !== undefined) {
      this.seenBy(actor, organizationId, known.resellerId);
      requireRole(actor, rule);
      return { organizationId, resellerId: known.resellerId, ...(known.currency !== null ? { currency: known.currency } : {}) };
    }
    const organization = await this.check(actor, organizationId, rule, { includeCurrency: true });
    return { organizationId, resellerId: organization.resellerId, ...(organization.currency !== undefined ? { currency: organization.currency } : {}) };
  }

  private seenBy(actor: ActorDto, organizationId: string, resellerId: string): OrganizationTenant {
    const tenant = { organizationId, resellerId };
    if (!maySeeOrganization(actor, tenant)) throw new OrganizationNotFoundError(organizationId);
    return tenant;
  }

  private remember(organizationId: string, facts: FixedFacts): void {
    const known = this.fixed.get(organizationId);
    this.fixed.delete(organizationId);
    while (this.fixed.size >= REMEMBERED_ORGANIZATIONS) this.fixed.delete(this.fixed.keys().next().value as string);
    this.fixed.set(organizationId, { resellerId: facts.resellerId, currency: facts.currency !== undefined ? facts.currency : known?.currency });
  }
}

/**
 * The tenant an organization role's actor carries: its own organization, and 404 for any other without asking (the
 * lookup would answer the same). Null for the roles whose tenant only the organizations service knows.
 */
function claimedTenant(actor: ActorDto, organizationId: string): OrganizationTenant | null {
  if (!ORGANIZATION_ROLES.includes(actor.role)) return null;
  const tenant = { organizationId, resellerId: actor.resellerId };
  if (!maySeeOrganization(actor, tenant)) throw new OrganizationNotFoundError(organizationId);
  return tenant;
}

export function requireRole(actor: Pick<ActorDto, 'role'>, rule: OrganizationRule): void {
  if (!rule.roles.includes(actor.role)) throw rule.forbidden();
}
