import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { OrganizationDomainRequest, OrganizationRpc, type OrganizationDomainView } from '@broker/contracts';
import { VerifyDomainHandler } from './verify-internet-domain.handler';

@Controller()
export class VerifyDomainController {
  constructor(private readonly handler: VerifyDomainHandler) {}

  @RpcHandler(OrganizationRpc.verifyDomain)
  verify(@Payload() request: OrganizationDomainRequest): Promise<OrganizationDomainView> {
    return this.handler.execute(request);
  }
}
