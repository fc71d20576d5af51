import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuthRpc, RefreshRequest, type TokenResponse } from '@broker/contracts';
import { RefreshHandler } from './refresh.handler';

@Controller()
export class RefreshController {
  constructor(private readonly handler: RefreshHandler) {}

  @MessagePattern(AuthRpc.refresh)
  refresh(@Payload() request: RefreshRequest): Promise<TokenResponse> {
    return this.handler.refresh(request);
  }
}
