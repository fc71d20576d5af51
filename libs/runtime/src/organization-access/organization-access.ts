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

/**
 * The one way a service checks an actor's access to an organization it does not own: the tenant with the
 * organizations service at this moment (ORGANIZATION.NOT_FOUND, 404, for a missing organization and another tenant's
 * alike), then the role here (the rule's 403). The tenant comes first, so a 403 never tells that another tenant's
 * organization exists.
 */
@Injectable()
export class OrganizationAccessClient {
  constructor(private readonly rpc: RpcClient) {}

  /** The organization now, as the actor may see it. */
  lookup(actor: ActorDto, organizationId: string, options: OrganizationLookupOptions = {}): Promise<OrganizationLookup> {
    const request: LookupOrganizationRequest = { actor, organizationId, ...(options.includeCurrency ? { includeCurrency: true } : {}) };
    return this.rpc.call(OrganizationLookupRpc.lookup, request);
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
   * decided from the actor without asking; the others learn from the lookup that it exists and whose it is.
   */
  async tenant(actor: ActorDto, organizationId: string): Promise<OrganizationTenant> {
    const claimed = claimedTenant(actor, organizationId);
    if (claimed) return claimed;
    const { resellerId } = await this.lookup(actor, organizationId);
    return { organizationId, resellerId };
  }

  /** Tenant, then role, when nothing of the organization is needed (no lookup for an organization role). */
  async authorize(actor: ActorDto, organizationId: string, rule: OrganizationRule): Promise<OrganizationTenant> {
    const tenant = await this.tenant(actor, organizationId);
    requireRole(actor, rule);
    return tenant;
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
