import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { OrganizationDomainRequest, OrganizationRpc, type OrganizationDomainView } from '@broker/contracts';
import { ApproveDomainHandler } from './approve-internet-domain.handler';

@Controller()
export class ApproveDomainController {
  constructor(private readonly handler: ApproveDomainHandler) {}

  @RpcHandler(OrganizationRpc.approveDomain)
  approve(@Payload() request: OrganizationDomainRequest): Promise<OrganizationDomainView> {
    return this.handler.execute(request);
  }
}
