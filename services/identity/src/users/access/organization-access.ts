import { organizationReaders, type ActorDto } from '@broker/contracts';
import type { OrganizationRule } from '@broker/runtime';
import { UserForbiddenError } from '../domain/user.errors';

/** Who may list an organization's users (and count them in a domain): its `read` and `write` access below. */
export const ORGANIZATION_USER_READERS: OrganizationRule = {
  roles: organizationReaders('reseller_admin', 'org_admin', 'org_viewer'),
  forbidden: () => new UserForbiddenError('Your role may not list users of this organization'),
};

/** Who may add, change, disable or remove an organization's users: its `write` access below. */
export const ORGANIZATION_USER_WRITERS: OrganizationRule = {
  roles: ['reseller_admin', 'org_admin'],
  forbidden: () => new UserForbiddenError('Your role may not change users of this organization'),
};

/**
 * What an actor may do with the users of one organization:
 * - `write`: read and change them (the organization's reseller admins, its org admins);
 * - `read`: read them (its org viewers, and the platform admin for support: ADR 0023);
 * - `self`: read only their own user (its billing admins and users);
 * - `forbidden`: nothing, 403 (no role at present);
 * - `none`: nothing, 404 (another tenant: exactly as if the organization did not exist).
 */
export type OrganizationAccess = 'write' | 'read' | 'self' | 'forbidden' | 'none';

export interface OrganizationTenant {
  organizationId: string;
  resellerId: string | null;
}

export function organizationAccess(actor: ActorDto, organization: OrganizationTenant): OrganizationAccess {
  const inOrganization = actor.organizationId === organization.organizationId && actor.resellerId === organization.resellerId;
  switch (actor.role) {
    case 'platform_admin':
      // Reads every organization for support; the gateway records each read first (ADR 0023).
      return 'read';
    case 'reseller_admin':
      return actor.resellerId !== null && actor.resellerId === organization.resellerId ? 'write' : 'none';
    case 'org_admin':
      return inOrganization ? 'write' : 'none';
    case 'org_viewer':
      return inOrganization ? 'read' : 'none';
    case 'org_billing_admin':
    case 'org_user':
      return inOrganization ? 'self' : 'none';
  }
}

/** May the actor read this user of the organization (given its access to the organization)? */
export function mayReadUser(access: OrganizationAccess, actor: ActorDto, userId: string): boolean {
  return access === 'write' || access === 'read' || (access === 'self' && actor.userId === userId);
}

export type UserAccessDecision = 'allowed' | 'forbidden' | 'not_found';

/**
 * May the actor read or change this user, addressed under this organization? `user` is the user as its stream
 * holds it (null when missing or deleted). A user of another organization is `not_found` even when its id is right;
 * a role that may not act here at all is `forbidden` before anything is looked up.
 */
export function userAccess(
  actor: ActorDto,
  organizationId: string,
  userId: string,
  user: { organizationId: string | null; resellerId: string | null } | null,
  needed: 'read' | 'write',
): UserAccessDecision {
  const member = user !== null && user.organizationId === organizationId ? user : null;
  // A reseller admin's organization is known from the user itself: the user's reseller is its organization's.
  const resellerId = actor.role === 'reseller_admin' ? (member?.resellerId ?? null) : actor.resellerId;
  const access = organizationAccess(actor, { organizationId, resellerId });
  if (access === 'none') return 'not_found';
  const allowed = needed === 'write' ? access === 'write' : mayReadUser(access, actor, userId);
  if (!allowed) return 'forbidden';
  return member ? 'allowed' : 'not_found';
}
