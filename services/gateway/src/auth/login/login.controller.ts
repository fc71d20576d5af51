import { Body, Controller, Get, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthRpc, type ActorDto, type TokenResponse, type UserView } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Public } from '../auth.decorators';
import { LoginBody, RefreshBody } from './login.body';
import { CurrentUserResponse, TokensResponse } from './login.responses';
import { Answers } from '../../openapi/answers.decorator';

@ApiTags('auth')
@Controller()
export class LoginController {
  constructor(private readonly rpc: RpcClient) {}

  @Public()
  @Post('auth/login')
  @Answers(AuthRpc.login)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in; the same 401 for a wrong password, an unknown user and a disabled user',
    description:
      'Failed logins count within a window (LOGIN_THROTTLE_* settings of the identity service). One account from one ' +
      'source address, and one address across accounts, have hard limits: past them that pair or address answers 429 ' +
      'with Retry-After, even with the right password. The account as a whole is never locked: past its free failures, ' +
      'each attempt must wait a delay after the previous one that doubles up to a maximum (429 with Retry-After until ' +
      'then), except from an address the account signed in from lately. A successful login clears its account. The source address is the client\'s, as given in X-Forwarded-For ' +
      'by a trusted proxy (TRUSTED_PROXIES). Every attempt is recorded as a sign-in event of the identity service.',
  })
  @ApiOkResponse({ type: TokensResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password (the same answer for an unknown or disabled user)' })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed logins for this account from this address, from this address, or too soon after the account\'s last failure',
    headers: { 'Retry-After': { description: 'Seconds until a login may be tried again', schema: { type: 'integer', minimum: 1 } } },
  })
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  login(@Body() body: LoginBody, @Req() request: Request): Promise<TokenResponse> {
    return this.rpc.call(AuthRpc.login, { ...body, sourceAddress: request.ip ?? 'unknown' });
  }

  @Public()
  @Post('auth/refresh')
  @Answers(AuthRpc.refresh)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for new tokens; the presented one is spent',
    description:
      'Every refresh answers a new refresh token and spends the presented one. A spent refresh token presented again ends ' +
      'the whole session (its access and refresh tokens answer 401 from then on), and so does a second refresh racing ' +
      'the first with the same token: refresh one at a time. A session lasts at most REFRESH_TOKEN_TTL_SECONDS (identity) ' +
      'from login, however often it is refreshed; it also ends at logout, and when the user\'s password, status or role ' +
      'changes.',
  })
  @ApiOkResponse({ type: TokensResponse })
  @ApiUnauthorizedResponse({ description: 'The refresh token is not valid, spent, expired, or its session has ended' })
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  refresh(@Body() body: RefreshBody, @Req() request: Request): Promise<TokenResponse> {
    return this.rpc.call(AuthRpc.refresh, { ...body, sourceAddress: request.ip ?? 'unknown' });
  }

  @ApiBearerAuth()
  @Get('me')
  @Answers(AuthRpc.me)
  @ApiOperation({ summary: 'The current user' })
  @ApiOkResponse({ type: CurrentUserResponse })
  me(@CurrentActor() actor: ActorDto): Promise<UserView> {
    return this.rpc.call(AuthRpc.me, { actor });
  }
}
