import type { ActorDto, Role } from '@broker/contracts';

/**
 * Who may create whom through UserRpc.create: the platform admin creates reseller admins; a reseller admin creates
 * reseller admins of its own reseller. Users of an organization are created through OrganizationUserRpc.create
 * (CreateOrganizationUserHandler), which checks the organization with the organizations service.
 */
export function mayCreateUser(actor: ActorDto, target: { role: Role; resellerId: string | null; organizationId: string | null }): boolean {
  if (target.role === 'platform_admin') return false; // only the bootstrap creates platform admins
  if (actor.role === 'platform_admin') return target.role === 'reseller_admin' && target.resellerId !== null && target.organizationId === null;
  if (actor.role === 'reseller_admin') return target.resellerId === actor.resellerId && target.role === 'reseller_admin' && target.organizationId === null;
  return false;
}
