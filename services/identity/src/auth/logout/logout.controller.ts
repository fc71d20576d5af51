import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { AuthRpc, LogoutRequest } from '@broker/contracts';
import { LogoutHandler } from './logout.handler';

@Controller()
export class LogoutController {
  constructor(private readonly handler: LogoutHandler) {}

  @RpcHandler(AuthRpc.logout)
  async logout(@Payload() request: LogoutRequest): Promise<null> {
    await this.handler.logout(request);
    return null;
  }
}
