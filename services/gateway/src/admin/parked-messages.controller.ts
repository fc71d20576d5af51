import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  BACKING_SERVICES,
  parkedMessagesRpc,
  type ActorDto,
  type ListParkedRequest,
  type Page,
  type ParkedMessageView,
  type RequeueParkedMessageResult,
} from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ParkedMessagesQuery } from './admin.queries';
import { ParkedMessageListResponse, RequeuedMessageResponse } from './admin.responses';
import { Answers } from '../openapi/answers.decorator';

/** Integration events a service's consumers gave up on (ADR 5, ADR 22): the platform admin lists and requeues them. */
@ApiTags('admin')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Platform admin only' })
@Controller('admin/parked-messages')
export class ParkedMessagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Answers(...BACKING_SERVICES.map((service) => parkedMessagesRpc(service).list))
  @Roles('platform_admin')
  @ApiOperation({ summary: "One service's parked integration events, newest first" })
  @ApiOkResponse({ type: ParkedMessageListResponse })
  list(@CurrentActor() actor: ActorDto, @Query() query: ParkedMessagesQuery): Promise<Page<ParkedMessageView>> {
    const request: ListParkedRequest = { actor };
    if (query.limit !== undefined) request.limit = query.limit;
    if (query.cursor !== undefined) request.cursor = query.cursor;
    return this.rpc.call(parkedMessagesRpc(query.service).list, request);
  }

  @Post(':service/:id/requeue')
  @Answers(...BACKING_SERVICES.map((service) => parkedMessagesRpc(service).requeue))
  @HttpCode(200)
  @Roles('platform_admin')
  @ApiParam({ name: 'service', enum: BACKING_SERVICES })
  @ApiParam({ name: 'id', description: 'The `id` of a listed parked message' })
  @ApiOperation({
    summary: "Hand a parked event to its consumer's handler again, now; applied at most once (the consumer's inbox drops what it has seen)",
  })
  @ApiOkResponse({ type: RequeuedMessageResponse })
  @ApiNotFoundResponse({ description: 'No such parked message (or already requeued)' })
  @ApiConflictResponse({ description: 'The parked payload is not an event envelope: nothing to requeue' })
  requeue(@CurrentActor() actor: ActorDto, @Param('service') service: string, @Param('id') id: string): Promise<RequeueParkedMessageResult> {
    if (!(BACKING_SERVICES as readonly string[]).includes(service)) throw new NotFoundException(`No service ${service}`);
    if (id.length > 400) throw new NotFoundException('No such parked message');
    return this.rpc.call(parkedMessagesRpc(service).requeue, { actor, id });
  }
}
