import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { GetOrganizationRequest, OrganizationRpc, type OrganizationView } from '@broker/contracts';
import { OrganizationRepository } from '../organization.repository';
import { toOrganizationView } from './organization.view';

/** Reads the organization from its stream, so a GET right after a write sees it. */
@Controller()
export class GetOrganizationController {
  constructor(private readonly organizations: OrganizationRepository) {}

  @RpcHandler(OrganizationRpc.get)
  async get(@Payload() request: GetOrganizationRequest): Promise<OrganizationView> {
    return toOrganizationView(await this.organizations.loadFor(request.actor, request.organizationId, 'read'));
  }
}
