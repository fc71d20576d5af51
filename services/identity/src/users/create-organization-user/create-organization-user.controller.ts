import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { CreateOrganizationUserRequest, OrganizationUserRpc, type OrganizationUserView } from '@broker/contracts';
import { CreateOrganizationUserHandler } from './create-organization-user.handler';

@Controller()
export class CreateOrganizationUserController {
  constructor(private readonly handler: CreateOrganizationUserHandler) {}

  @RpcHandler(OrganizationUserRpc.create)
  async create(@Payload() request: CreateOrganizationUserRequest): Promise<OrganizationUserView> {
    const { actor, organizationId, userId, username, firstName, lastName, email, role, costCentre, password } = request;
    const context = await this.handler.prepare(actor, organizationId);
    const user = await this.handler.create(context, { userId, username, firstName, lastName, email, role, costCentre, password });
    return { ...user, servicesCount: 0 }; // nothing is assigned to a new user yet
  }
}
