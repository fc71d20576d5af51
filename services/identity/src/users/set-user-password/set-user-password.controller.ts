import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { OrganizationUserRpc, SetOrganizationUserPasswordRequest } from '@broker/contracts';
import { SetUserPasswordHandler } from './set-user-password.handler';

@Controller()
export class SetUserPasswordController {
  constructor(private readonly handler: SetUserPasswordHandler) {}

  @RpcHandler(OrganizationUserRpc.setPassword)
  async setPassword(@Payload() request: SetOrganizationUserPasswordRequest): Promise<{ ok: true }> {
    await this.handler.execute(request);
    return { ok: true };
  }
}
