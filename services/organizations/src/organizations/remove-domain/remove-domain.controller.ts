import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrganizationDomainRequest, OrganizationRpc } from '@broker/contracts';
import { RemoveDomainHandler } from './remove-domain.handler';

@Controller()
export class RemoveDomainController {
  constructor(private readonly handler: RemoveDomainHandler) {}

  @MessagePattern(OrganizationRpc.removeDomain)
  async remove(@Payload() request: OrganizationDomainRequest): Promise<{ ok: true }> {
    await this.handler.execute(request);
    return { ok: true };
  }
}
