import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  SubscriptionRpc,
  type ActorDto,
  type Page,
  type SubscriptionView,
} from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { withEntityTag } from '../shared/entity-tags/entity-tag';
import { ApiConditionalReplace, ApiVersionedRead, ExpectedVersions } from '../shared/entity-tags/entity-tag.decorators';
import { ListQuery } from '../shared/list.query';
import { AssignmentsBody } from './subscription.bodies';
import { SubscriptionListResponse, SubscriptionResponse } from './subscription.responses';
import { Answers } from '../openapi/answers.decorator';

const idPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });
const READERS = ['reseller_admin', 'org_admin', 'org_viewer', 'org_billing_admin', 'org_user'] as const;

/**
 * An organization's subscriptions and their licence assignments. Subscriptions change only through approved orders,
 * changes and cancellations; an `org_user` sees only the subscriptions assigned to them.
 */
@ApiTags('subscriptions')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Your role may not do this' })
@ApiNotFoundResponse({ description: 'No such organization or subscription, or one of another tenant' })
@Controller('organizations/:orgId/subscriptions')
export class SubscriptionsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Answers(SubscriptionRpc.list)
  @Roles(...READERS)
  @ApiOperation({ summary: "The organization's subscriptions, newest first (a read model: may lag a write by a moment); an org user sees only theirs" })
  @ApiOkResponse({ type: SubscriptionListResponse })
  list(@CurrentActor() actor: ActorDto, @Param('orgId', idPipe) organizationId: string, @Query() query: ListQuery): Promise<Page<SubscriptionView>> {
    return this.rpc.call(SubscriptionRpc.list, { actor, organizationId, ...query });
  }

  @Get(':subscriptionId')
  @Answers(SubscriptionRpc.get)
  @Roles(...READERS)
  @ApiOperation({ summary: 'One subscription, read from its stream; its ETag changes with every change of it (assignments, quantity, cancellation)' })
  @ApiVersionedRead(SubscriptionResponse)
  async get(
    @CurrentActor() actor: ActorDto,
    @Param('orgId', idPipe) organizationId: string,
    @Param('subscriptionId', idPipe) subscriptionId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SubscriptionView> {
    return withEntityTag(response, await this.rpc.call(SubscriptionRpc.get, { actor, organizationId, subscriptionId }));
  }

  @Put(':subscriptionId/assignments')
  @Answers(SubscriptionRpc.setAssignments)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({
    summary: 'Set who holds the licences (assign, unassign and move in one); never more users than the quantity',
    description: 'The assignments are part of the subscription: If-Match takes the ETag of GET /organizations/{orgId}/subscriptions/{subscriptionId}.',
  })
  @ApiConditionalReplace(SubscriptionResponse, 'SUBSCRIPTION.VERSION_MISMATCH')
  @ApiBadRequestResponse({ description: 'More users than the quantity, or a user who is not an active user of the organization' })
  @ApiConflictResponse({ description: 'The subscription is cancelled' })
  async setAssignments(
    @CurrentActor() actor: ActorDto,
    @Param('orgId', idPipe) organizationId: string,
    @Param('subscriptionId', idPipe) subscriptionId: string,
    @Body() body: AssignmentsBody,
    @ExpectedVersions() expectedVersions: string[] | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SubscriptionView> {
    const subscription = await this.rpc.call(SubscriptionRpc.setAssignments, {
      actor,
      organizationId,
      subscriptionId,
      userIds: body.userIds,
      expectedVersions,
    });
    return withEntityTag(response, subscription);
  }
}
