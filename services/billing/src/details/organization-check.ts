import { Injectable } from '@nestjs/common';
import { OrganizationLookupRpc, type ActorDto, type OrganizationLookup, type Role } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { BillingForbiddenError } from '../shared/billing.errors';

/**
 * Billing details are a write model: the tenant is checked with the organizations service at this moment (its
 * lookup answers ORGANIZATION.NOT_FOUND for a missing organization and another tenant's alike), then the role here.
 */
@Injectable()
export class OrganizationCheck {
  constructor(private readonly rpc: RpcClient) {}

  async check(actor: ActorDto, organizationId: string, roles: readonly Role[], action: string): Promise<OrganizationLookup> {
    const organization = await this.rpc.call(OrganizationLookupRpc.lookup, { actor, organizationId });
    if (!roles.includes(actor.role)) throw new BillingForbiddenError(action);
    return organization;
  }
}
