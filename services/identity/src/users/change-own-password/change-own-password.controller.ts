import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ChangeOwnPasswordRequest, OwnPasswordRpc } from '@broker/contracts';
import { ChangeOwnPasswordHandler } from './change-own-password.handler';

@Controller()
export class ChangeOwnPasswordController {
  constructor(private readonly handler: ChangeOwnPasswordHandler) {}

  @MessagePattern(OwnPasswordRpc.change)
  async change(@Payload() request: ChangeOwnPasswordRequest): Promise<{ ok: true }> {
    await this.handler.execute(request);
    return { ok: true };
  }
}
