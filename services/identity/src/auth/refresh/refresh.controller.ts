import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { AuthRpc, RefreshRequest, type TokenResponse } from '@broker/contracts';
import { RefreshHandler } from './refresh.handler';

@Controller()
export class RefreshController {
  constructor(private readonly handler: RefreshHandler) {}

  @RpcHandler(AuthRpc.refresh)
  refresh(@Payload() request: RefreshRequest): Promise<TokenResponse> {
    return this.handler.refresh(request);
  }
}
