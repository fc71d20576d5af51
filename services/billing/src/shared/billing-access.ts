import { organizationReaders, type ActorDto, type Role } from '@broker/contracts';

export const REPORT_READERS: readonly Role[] = organizationReaders('reseller_admin', 'org_admin', 'org_viewer', 'org_billing_admin');
export const DETAILS_READERS: readonly Role[] = organizationReaders('reseller_admin', 'org_admin', 'org_viewer', 'org_billing_admin');
export const DETAILS_WRITERS: readonly Role[] = ['reseller_admin', 'org_admin', 'org_billing_admin'];
export const SUMMARY_READERS: readonly Role[] = ['reseller_admin'];

/**
 * Who may see an organization's billing at all: the admins of its reseller and the users of that very
 * organization (the platform admin too, where a role allows it). Everyone else is answered "not found".
 */
export function maySeeOrganization(actor: ActorDto, organization: { organizationId: string; resellerId: string }): boolean {
  switch (actor.role) {
    case 'platform_admin':
      return true;
    case 'reseller_admin':
      return actor.resellerId === organization.resellerId;
    default:
      return actor.organizationId === organization.organizationId && actor.resellerId === organization.resellerId;
  }
}
