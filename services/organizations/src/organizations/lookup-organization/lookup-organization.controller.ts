import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { LookupOrganizationRequest, OrganizationLookupRpc, type OrganizationLookup } from '@broker/contracts';
import { toOrganizationLookup } from '../get-organization/organization.view';
import { OrganizationRepository } from '../organization-repository/organization-repository';

/**
 * Other services check an organization at the moment of a command (identity: the username's domain and the
 * tenant of a new user; approvals: the tenant of a policy change). Read from the stream, so an organization
 * created a moment ago is found. ORGANIZATION.NOT_FOUND for a missing one and for one the actor may not see.
 */
@Controller()
export class LookupOrganizationController {
  constructor(private readonly organizations: OrganizationRepository) {}

  @MessagePattern(OrganizationLookupRpc.lookup)
  async lookup(@Payload() request: LookupOrganizationRequest): Promise<OrganizationLookup> {
    return toOrganizationLookup(await this.organizations.loadFor(request.actor, request.organizationId, 'read'));
  }
}
