import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { OrganizationDomainRequest, OrganizationRpc } from '@broker/contracts';
import { RemoveDomainHandler } from './remove-internet-domain.handler';

@Controller()
export class RemoveDomainController {
  constructor(private readonly handler: RemoveDomainHandler) {}

  @RpcHandler(OrganizationRpc.removeDomain)
  async remove(@Payload() request: OrganizationDomainRequest): Promise<{ ok: true }> {
    await this.handler.execute(request);
    return { ok: true };
  }
}
