import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { OrganizationDomainRequest, OrganizationRpc, type OrganizationDomainView } from '@broker/contracts';
import { VerifyInternetDomainHandler } from './verify-internet-domain.handler';

@Controller()
export class VerifyInternetDomainController {
  constructor(private readonly handler: VerifyInternetDomainHandler) {}

  @RpcHandler(OrganizationRpc.verifyDomain)
  verify(@Payload() request: OrganizationDomainRequest): Promise<OrganizationDomainView> {
    return this.handler.execute(request);
  }
}
