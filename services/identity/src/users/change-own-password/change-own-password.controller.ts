import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ChangeOwnPasswordRequest, OwnPasswordRpc } from '@broker/contracts';
import { ChangeOwnPasswordHandler } from './change-own-password.handler';

@Controller()
export class ChangeOwnPasswordController {
  constructor(private readonly handler: ChangeOwnPasswordHandler) {}

  @RpcHandler(OwnPasswordRpc.change)
  async change(@Payload() request: ChangeOwnPasswordRequest): Promise<{ ok: true }> {
    await this.handler.execute(request);
    return { ok: true };
  }
}
