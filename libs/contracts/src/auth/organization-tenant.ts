import type { ActorDto } from './actor';

/** The tenant an organization belongs to: itself, under its reseller. */
export interface OrganizationTenant {
  organizationId: string;
  resellerId: string | null;
}

/**
 * Who may see an organization at all: the platform admin (support, ADR 0023), the admins of its reseller, and the
 * users of that very organization. Everyone else is answered "not found", exactly as for a missing organization.
 */
export function maySeeOrganization(actor: Pick<ActorDto, 'role' | 'resellerId' | 'organizationId'>, organization: OrganizationTenant): boolean {
  switch (actor.role) {
    case 'platform_admin':
      return true;
    case 'reseller_admin':
      return actor.resellerId !== null && actor.resellerId === organization.resellerId;
    default:
      return actor.organizationId === organization.organizationId && actor.resellerId === organization.resellerId;
  }
}
