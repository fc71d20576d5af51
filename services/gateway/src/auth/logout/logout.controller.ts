import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthRpc, type ActorDto } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor } from '../auth.decorators';
import { LogoutBody } from './logout.body';
import { Answers } from '../../openapi/answers.decorator';

@ApiTags('auth')
@ApiBearerAuth()
@Controller()
export class LogoutController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('auth/logout')
  @Answers(AuthRpc.logout)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Log out: end the session of this access token, or with `everywhere: true` every session of the user',
    description: "The session's access and refresh tokens answer 401 from then on. Logging out of an ended session answers 401 like any other request with its token.",
  })
  @ApiNoContentResponse({ description: 'The session (or every session of the user) has ended' })
  @ApiUnauthorizedResponse({ description: 'No valid access token of a live session' })
  async logout(@CurrentActor() actor: ActorDto, @Body() body: LogoutBody, @Req() request: Request): Promise<void> {
    // The auth guard has verified this very token; it names the session to end.
    const accessToken = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')![1]!;
    await this.rpc.call(AuthRpc.logout, { actor, accessToken, everywhere: body.everywhere ?? false });
  }
}
