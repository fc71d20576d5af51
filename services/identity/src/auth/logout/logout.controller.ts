import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuthRpc, LogoutRequest } from '@broker/contracts';
import { LogoutHandler } from './logout.handler';

@Controller()
export class LogoutController {
  constructor(private readonly handler: LogoutHandler) {}

  @MessagePattern(AuthRpc.logout)
  async logout(@Payload() request: LogoutRequest): Promise<null> {
    await this.handler.logout(request);
    return null;
  }
}
