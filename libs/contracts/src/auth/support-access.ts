import type { ActorDto, Role } from './actor';

/** The role that reads every organization for support (docs/adr/0023-recorded-support-access.md). */
export const SUPPORT_READER: Role = 'platform_admin';

/**
 * The roles that may read some data of an organization: those named, and the platform admin, whose reads the gateway
 * records as support accesses before it forwards them. Every service builds its reader lists with it, so the rule is
 * the same everywhere; writer lists never use it, so the platform admin changes nothing it was not already allowed to.
 */
export function organizationReaders(...roles: Role[]): readonly Role[] {
  return roles.includes(SUPPORT_READER) ? roles : [...roles, SUPPORT_READER];
}

/** True when the actor reads an organization only because of the support rule (not by a role the contract names). */
export function isSupportReader(actor: Pick<ActorDto, 'role'>): boolean {
  return actor.role === SUPPORT_READER;
}
