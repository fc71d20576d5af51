import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OutOfOfficeRpc, type ActorDto, type OutOfOfficeView } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Answers } from '../openapi/answers.decorator';
import { SetOutOfOfficeBody } from './out-of-office.bodies';
import { OutOfOfficeResponse } from './out-of-office.responses';

/**
 * Your own out-of-office period as an approver of your organization's approval chains: while it runs, the steps that
 * name you go to your delegate, who is e-mailed instead, may decide them, and is named in the history.
 */
@ApiTags('approvals')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: "Only an organization's admins and billing admins approve chain steps, and so delegate them" })
@Controller('me/out-of-office')
export class OutOfOfficeController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Answers(OutOfOfficeRpc.get)
  @Roles('org_admin', 'org_billing_admin')
  @ApiOperation({ summary: 'Your out-of-office period and delegate, if any' })
  @ApiOkResponse({ type: OutOfOfficeResponse })
  get(@CurrentActor() actor: ActorDto): Promise<OutOfOfficeView> {
    return this.rpc.call(OutOfOfficeRpc.get, { actor });
  }

  @Put()
  @Answers(OutOfOfficeRpc.set)
  @HttpCode(200)
  @Roles('org_admin', 'org_billing_admin')
  @ApiOperation({ summary: 'Set your out-of-office period and delegate (replacing the one before)' })
  @ApiOkResponse({ type: OutOfOfficeResponse })
  @ApiBadRequestResponse({ description: 'Every broken field named: `to` not after `from`, a delegate who is yourself, not an active user of your organization, or of a lower role' })
  set(@CurrentActor() actor: ActorDto, @Body() body: SetOutOfOfficeBody): Promise<OutOfOfficeView> {
    return this.rpc.call(OutOfOfficeRpc.set, { actor, from: body.from, to: body.to, delegateId: body.delegateId });
  }

  @Delete()
  @Answers(OutOfOfficeRpc.clear)
  @HttpCode(200)
  @Roles('org_admin', 'org_billing_admin')
  @ApiOperation({ summary: 'End your out-of-office period now' })
  @ApiOkResponse({ type: OutOfOfficeResponse })
  clear(@CurrentActor() actor: ActorDto): Promise<OutOfOfficeView> {
    return this.rpc.call(OutOfOfficeRpc.clear, { actor });
  }
}
