import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrganizationUserRequest, OrganizationUserRpc } from '@broker/contracts';
import { DeleteOrganizationUserHandler } from './delete-organization-user.handler';

@Controller()
export class DeleteOrganizationUserController {
  constructor(private readonly handler: DeleteOrganizationUserHandler) {}

  @MessagePattern(OrganizationUserRpc.delete)
  async delete(@Payload() request: OrganizationUserRequest): Promise<{ ok: true }> {
    await this.handler.execute(request);
    return { ok: true };
  }
}
