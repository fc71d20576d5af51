import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { OrganizationDomainRequest, OrganizationRpc } from '@broker/contracts';
import { RemoveInternetDomainHandler } from './remove-internet-domain.handler';

@Controller()
export class RemoveInternetDomainController {
  constructor(private readonly handler: RemoveInternetDomainHandler) {}

  @RpcHandler(OrganizationRpc.removeDomain)
  async remove(@Payload() request: OrganizationDomainRequest): Promise<{ ok: true }> {
    await this.handler.execute(request);
    return { ok: true };
  }
}
