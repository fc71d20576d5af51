import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { CreateOrganizationRequest, OrganizationRpc, type OrganizationView } from '@broker/contracts';
import { CreateOrganizationHandler } from './create-organization.handler';

@Controller()
export class CreateOrganizationController {
  constructor(private readonly handler: CreateOrganizationHandler) {}

  @RpcHandler(OrganizationRpc.create)
  create(@Payload() request: CreateOrganizationRequest): Promise<OrganizationView> {
    return this.handler.execute(request);
  }
}
