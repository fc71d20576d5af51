import { Injectable } from '@nestjs/common';
import { organizationReaders, OrganizationLookupRpc, type ActorDto, type OrganizationLookup, type Role } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CatalogForbiddenError } from '../products/domain/product.errors';

export const ORGANIZATION_READERS: readonly Role[] = organizationReaders('reseller_admin', 'org_admin', 'org_viewer', 'org_billing_admin', 'org_user');

/**
 * Checks the tenant with the organizations service at this moment (its lookup answers ORGANIZATION.NOT_FOUND,
 * passed on unchanged, for a missing organization and one the actor may not see), then the role here.
 */
@Injectable()
export class OrganizationAccess {
  constructor(private readonly rpc: RpcClient) {}

  lookup(actor: ActorDto, organizationId: string): Promise<OrganizationLookup> {
    return this.rpc.call(OrganizationLookupRpc.lookup, { actor, organizationId });
  }

  async check(actor: ActorDto, organizationId: string, roles: readonly Role[], action: string): Promise<OrganizationLookup> {
    const organization = await this.lookup(actor, organizationId);
    if (!roles.includes(actor.role)) throw new CatalogForbiddenError(action);
    return organization;
  }
}
