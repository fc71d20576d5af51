import { Injectable } from '@nestjs/common';
import { organizationReaders, OrganizationLookupRpc, type ActorDto, type OrganizationLookup, type Role } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { ApprovalPolicyForbiddenError } from '../domain/approval-policy.errors';

export const POLICY_READERS: readonly Role[] = organizationReaders('reseller_admin', 'org_admin', 'org_viewer');
export const POLICY_WRITERS: readonly Role[] = ['reseller_admin'];

/**
 * Checks role here and tenant with the organizations service at this moment (its lookup answers
 * ORGANIZATION.NOT_FOUND, passed on unchanged, for a missing organization and one the actor may not see). The
 * lookup names the reseller's currency too: the annual limit is an amount in it.
 */
@Injectable()
export class OrganizationAccess {
  constructor(private readonly rpc: RpcClient) {}

  async check(actor: ActorDto, organizationId: string, roles: readonly Role[], action: string): Promise<OrganizationLookup> {
    const organization = await this.rpc.call(OrganizationLookupRpc.lookup, { actor, organizationId, includeCurrency: true });
    if (!roles.includes(actor.role)) throw new ApprovalPolicyForbiddenError(action);
    return organization;
  }
}
