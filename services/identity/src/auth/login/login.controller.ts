import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { AuthRpc, LoginRequest, type TokenResponse } from '@broker/contracts';
import { LoginHandler } from './login.handler';

@Controller()
export class LoginController {
  constructor(private readonly handler: LoginHandler) {}

  @RpcHandler(AuthRpc.login)
  login(@Payload() request: LoginRequest): Promise<TokenResponse> {
    return this.handler.login(request);
  }
}
