import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { AddOrganizationDomainRequest, OrganizationRpc, type OrganizationDomainView } from '@broker/contracts';
import { AddInternetDomainHandler } from './add-internet-domain.handler';

@Controller()
export class AddInternetDomainController {
  constructor(private readonly handler: AddInternetDomainHandler) {}

  @RpcHandler(OrganizationRpc.addDomain)
  add(@Payload() request: AddOrganizationDomainRequest): Promise<OrganizationDomainView> {
    return this.handler.execute(request);
  }
}
