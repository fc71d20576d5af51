import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuthRpc, LoginRequest, type TokenResponse } from '@broker/contracts';
import { LoginHandler } from './login.handler';

@Controller()
export class LoginController {
  constructor(private readonly handler: LoginHandler) {}

  @MessagePattern(AuthRpc.login)
  login(@Payload() request: LoginRequest): Promise<TokenResponse> {
    return this.handler.login(request);
  }
}
