import { randomUUID } from 'node:crypto';
import { Body, Controller, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SupportRequestRpc, type ActorDto, type CreateSupportRequestRequest, type SupportRequestCreated } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { CreateSupportRequestBody, SupportRequestCreatedResponse } from './support-request.bodies';
import { Answers } from '../openapi/answers.decorator';

/** Support section of api-v1.md: an organization's users ask their reseller for help (e-mailed to its support address). */
@ApiTags('support')
@ApiBearerAuth()
@Controller('support-requests')
export class SupportRequestsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Answers(SupportRequestRpc.create)
  @Roles('org_admin', 'org_billing_admin', 'org_viewer', 'org_user')
  @ApiOperation({ summary: "Ask the reseller for help; the request is e-mailed to the reseller's support address with the requester as Reply-To" })
  @ApiCreatedResponse({ type: SupportRequestCreatedResponse })
  @ApiBadRequestResponse({ description: 'Invalid input, or a subscriptionId that is not one of your organization you can see' })
  @ApiForbiddenResponse({ description: 'Only users of an organization raise support requests' })
  create(@CurrentActor() actor: ActorDto, @Body() body: CreateSupportRequestBody): Promise<SupportRequestCreated> {
    const request: CreateSupportRequestRequest = { actor, supportRequestId: randomUUID(), subject: body.subject, message: body.message };
    if (body.subscriptionId !== undefined) request.subscriptionId = body.subscriptionId;
    return this.rpc.call(SupportRequestRpc.create, request);
  }
}
