import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthRpc, type ActorDto, type LoginRequest, type MeRequest, type RefreshRequest, type TokenResponse, type UserView } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Public } from '../auth.decorators';
import { LoginBody, RefreshBody } from './login.body';

@ApiTags('auth')
@Controller()
export class LoginController {
  constructor(private readonly rpc: RpcClient) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in; the same 401 for a wrong password, an unknown user and a disabled user' })
  login(@Body() body: LoginBody, @Req() request: Request): Promise<TokenResponse> {
    return this.rpc.request<TokenResponse, LoginRequest>(AuthRpc.login, { ...body, sourceAddress: request.ip ?? 'unknown' });
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens' })
  refresh(@Body() body: RefreshBody): Promise<TokenResponse> {
    return this.rpc.request<TokenResponse, RefreshRequest>(AuthRpc.refresh, body);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The current user' })
  me(@CurrentActor() actor: ActorDto): Promise<UserView> {
    return this.rpc.request<UserView, MeRequest>(AuthRpc.me, { actor });
  }
}
