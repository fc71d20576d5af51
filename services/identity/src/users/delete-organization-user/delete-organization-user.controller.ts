import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { OrganizationUserRequest, OrganizationUserRpc } from '@broker/contracts';
import { DeleteOrganizationUserHandler } from './delete-organization-user.handler';

@Controller()
export class DeleteOrganizationUserController {
  constructor(private readonly handler: DeleteOrganizationUserHandler) {}

  @RpcHandler(OrganizationUserRpc.delete)
  async delete(@Payload() request: OrganizationUserRequest): Promise<{ ok: true }> {
    await this.handler.execute(request);
    return { ok: true };
  }
}
