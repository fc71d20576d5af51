import { organizationReaders, type ActorDto, type Role } from '@broker/contracts';

/** What each role may do with an organization it can see (api-v1.md, Organizations; readers per ADR 0023). */
export const ORGANIZATION_PERMISSIONS = {
  read: organizationReaders('reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer', 'org_user'),
  change: ['reseller_admin', 'org_admin'],
  manageDomains: ['reseller_admin', 'org_admin'],
  /** Vouching for a domain an organization admin asked for is the reseller's. */
  approveDomains: ['reseller_admin'],
  readSettings: organizationReaders('reseller_admin', 'org_admin', 'org_viewer'),
  changeSettings: ['reseller_admin'],
  readSupportAccesses: organizationReaders('reseller_admin', 'org_admin'),
} as const satisfies Record<string, readonly Role[]>;

export type OrganizationPermission = keyof typeof ORGANIZATION_PERMISSIONS;

export function mayDo(actor: ActorDto, permission: OrganizationPermission): boolean {
  return (ORGANIZATION_PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}
