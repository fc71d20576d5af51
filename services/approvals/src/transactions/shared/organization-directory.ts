import { Injectable } from '@nestjs/common';
import { OrganizationLookupRpc, type ActorDto, type OrganizationLookup } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';

/**
 * Asks the organizations service, at the moment of a command, whether the actor may see the organization. Its
 * answer ORGANIZATION.NOT_FOUND (a missing organization, or one of another tenant alike) is passed on unchanged.
 */
@Injectable()
export class OrganizationDirectory {
  constructor(private readonly rpc: RpcClient) {}

  lookup(actor: ActorDto, organizationId: string): Promise<OrganizationLookup> {
    return this.rpc.call(OrganizationLookupRpc.lookup, { actor, organizationId });
  }
}
