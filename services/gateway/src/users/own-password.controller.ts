import { Body, Controller, HttpCode, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OwnPasswordRpc, type ActorDto } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor } from '../auth/auth.decorators';
import { ChangeOwnPasswordBody } from './user.bodies';
import { Answers } from '../openapi/answers.decorator';

/** PUT /me/password (Auth section of api-v1.md): every user may change their own password. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('me/password')
export class OwnPasswordController {
  constructor(private readonly rpc: RpcClient) {}

  @Put()
  @Answers(OwnPasswordRpc.change)
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your own password' })
  @ApiNoContentResponse({ description: 'The password was changed' })
  @ApiBadRequestResponse({
    description:
      'The password was not changed. `errors` lists every rule the new password breaks (field `newPassword`) and, when the ' +
      'current password is wrong, an error on `currentPassword` (a 400, not a 401: the session itself is valid)',
  })
  async change(@CurrentActor() actor: ActorDto, @Body() body: ChangeOwnPasswordBody): Promise<void> {
    await this.rpc.call(OwnPasswordRpc.change, { actor, ...body });
  }
}
