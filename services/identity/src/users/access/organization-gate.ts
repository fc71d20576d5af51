import { Injectable } from '@nestjs/common';
import { isSupportReader, OrganizationLookupRpc, type ActorDto, type OrganizationLookup } from '@broker/contracts';
import { DomainError } from '@broker/event-sourcing';
import { RpcClient } from '@broker/messaging';
import { UserForbiddenError } from '../domain/user.errors';
import { organizationAccess, type OrganizationAccess } from './organization-access';

export class OrganizationNotFoundError extends DomainError {
  constructor(organizationId: string) {
    super('ORGANIZATION.NOT_FOUND', `Organization ${organizationId} was not found`);
  }
}

/**
 * Decides an actor's access to an organization's users at the moment of the request. Organization roles carry
 * their organization in the actor; for a reseller admin the organizations service tells which reseller the
 * organization belongs to (and answers ORGANIZATION.NOT_FOUND for another reseller's).
 */
@Injectable()
export class OrganizationGate {
  constructor(private readonly rpc: RpcClient) {}

  /** The organization now (its domains and reseller), as the actor may see it. */
  lookup(actor: ActorDto, organizationId: string): Promise<OrganizationLookup> {
    return this.rpc.call(OrganizationLookupRpc.lookup, { actor, organizationId });
  }

  async accessTo(actor: ActorDto, organizationId: string): Promise<OrganizationAccess> {
    // Organization roles carry their organization; the others learn from the lookup that it exists and whose it is.
    if (actor.role !== 'reseller_admin' && !isSupportReader(actor)) return organizationAccess(actor, { organizationId, resellerId: actor.resellerId });
    return organizationAccess(actor, await this.lookup(actor, organizationId));
  }

  /** Access enough to read the organization's users (list), or 403 / 404. */
  async requireRead(actor: ActorDto, organizationId: string): Promise<void> {
    requireAccess(await this.accessTo(actor, organizationId), 'read', organizationId);
  }

  async requireWrite(actor: ActorDto, organizationId: string): Promise<void> {
    requireAccess(await this.accessTo(actor, organizationId), 'write', organizationId);
  }
}

/** 404 for another tenant, 403 for a role that may not do this here. */
export function requireAccess(access: OrganizationAccess, needed: 'read' | 'write', organizationId: string): void {
  if (access === 'none') throw new OrganizationNotFoundError(organizationId);
  if (access === 'write' || (needed === 'read' && access === 'read')) return;
  throw new UserForbiddenError(needed === 'write' ? 'Your role may not change users of this organization' : 'Your role may not list users of this organization');
}
