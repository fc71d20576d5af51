import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrganizationDomainRequest, OrganizationRpc, type OrganizationDomainView } from '@broker/contracts';
import { VerifyDomainHandler } from './verify-domain.handler';

@Controller()
export class VerifyDomainController {
  constructor(private readonly handler: VerifyDomainHandler) {}

  @MessagePattern(OrganizationRpc.verifyDomain)
  verify(@Payload() request: OrganizationDomainRequest): Promise<OrganizationDomainView> {
    return this.handler.execute(request);
  }
}
