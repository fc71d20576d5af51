import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ParkedEmailRpc,
  type ActorDto,
  type ListParkedRequest,
  type Page,
  type ParkedEmailView,
  type RequeuedEmail,
} from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ListQuery } from '../shared/list.query';
import { ParkedEmailListResponse, RequeuedEmailResponse } from './admin.responses';
import { Answers } from '../openapi/answers.decorator';

/** E-mails the sender gave up on after their last attempt (ADR 8, ADR 22): the platform admin lists and requeues them. */
@ApiTags('admin')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Platform admin only' })
@Controller('admin/parked-emails')
export class ParkedEmailsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Answers(ParkedEmailRpc.list)
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Parked e-mails with their last SMTP error' })
  @ApiOkResponse({ type: ParkedEmailListResponse })
  list(@CurrentActor() actor: ActorDto, @Query() query: ListQuery): Promise<Page<ParkedEmailView>> {
    const request: ListParkedRequest = { actor };
    if (query.limit !== undefined) request.limit = query.limit;
    if (query.cursor !== undefined) request.cursor = query.cursor;
    return this.rpc.call(ParkedEmailRpc.list, request);
  }

  @Post(':id/requeue')
  @Answers(ParkedEmailRpc.requeue)
  @HttpCode(200)
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Put a parked e-mail back in the queue, due now, with a fresh budget of attempts; it is sent once, with its Message-ID' })
  @ApiOkResponse({ type: RequeuedEmailResponse })
  @ApiNotFoundResponse({ description: 'No such e-mail' })
  @ApiConflictResponse({ description: 'The e-mail is not parked (already requeued, or sent)' })
  requeue(@CurrentActor() actor: ActorDto, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string): Promise<RequeuedEmail> {
    return this.rpc.call(ParkedEmailRpc.requeue, { actor, notificationId: id });
  }
}
