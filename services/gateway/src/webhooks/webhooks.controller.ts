import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { WebhooksRpc, type ActorDto, type Role, type WebhookOwnerScope, type Page, type WebhookDeliveryView, type WebhookEndpointView, type WebhookEndpointWithSecret } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Answers } from '../openapi/answers.decorator';
import { ListQuery } from '../shared/list.query';
import { CreateWebhookBody, UpdateWebhookBody } from './webhooks.bodies';
import {
  WebhookDeliveryListResponse,
  WebhookDeliveryResponse,
  WebhookEndpointListResponse,
  WebhookEndpointResponse,
  WebhookEndpointWithSecretResponse,
} from './webhooks.responses';

const idPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** Whose endpoints a controller serves, and who may read and change them (the notifications service checks again). */
export interface WebhookOwnerRoutes {
  /** `organizations` or `resellers`. */
  path: string;
  /** The path parameter naming the owner (`orgId`, `resellerId`). */
  param: string;
  scope: WebhookOwnerScope;
  readers: Role[];
  writers: Role[];
  writersText: string;
}

/** The webhook routes of one kind of owner: organizations and resellers have the same ones under their own path. */
export function webhooksController(owner: WebhookOwnerRoutes) {
  @ApiTags('webhooks')
  @ApiBearerAuth()
  @ApiForbiddenResponse({ description: `Your role may not do this: ${owner.writersText} manage these endpoints` })
  @ApiNotFoundResponse({ description: `No such ${owner.scope} or endpoint (or one of another tenant)` })
  @Controller(`${owner.path}/:${owner.param}/webhooks`)
  class WebhooksController {
    constructor(private readonly rpc: RpcClient) {}

    @Get()
    @Answers(WebhooksRpc.list)
    @Roles(...owner.readers)
    @ApiOperation({ summary: `The ${owner.scope}'s webhook endpoints (never their secrets)` })
    @ApiOkResponse({ type: WebhookEndpointListResponse })
    list(@CurrentActor() actor: ActorDto, @Param(owner.param, idPipe) tenantId: string, @Query() query: ListQuery): Promise<Page<WebhookEndpointView>> {
      return this.rpc.call(WebhooksRpc.list, { actor, scope: owner.scope, tenantId, ...query });
    }

    @Post()
    @Answers(WebhooksRpc.create)
    @Roles(...owner.writers)
    @ApiOperation({ summary: `Register an endpoint: every subscribed event of the ${owner.scope} is POSTed to it, signed (Standard Webhooks); the answer holds its secret, shown once` })
    @ApiCreatedResponse({ type: WebhookEndpointWithSecretResponse })
    @ApiBadRequestResponse({ description: 'An unknown event type, or a URL that is not https or whose host resolves to a private, loopback or link-local address' })
    create(@CurrentActor() actor: ActorDto, @Param(owner.param, idPipe) tenantId: string, @Body() body: CreateWebhookBody): Promise<WebhookEndpointWithSecret> {
      return this.rpc.call(WebhooksRpc.create, { actor, scope: owner.scope, tenantId, url: body.url, eventTypes: body.eventTypes, ...(body.description === undefined ? {} : { description: body.description }) });
    }

    @Get(':endpointId')
    @Answers(WebhooksRpc.get)
    @Roles(...owner.readers)
    @ApiOperation({ summary: 'One endpoint (never its secret)' })
    @ApiOkResponse({ type: WebhookEndpointResponse })
    get(@CurrentActor() actor: ActorDto, @Param(owner.param, idPipe) tenantId: string, @Param('endpointId', idPipe) endpointId: string): Promise<WebhookEndpointView> {
      return this.rpc.call(WebhooksRpc.get, { actor, scope: owner.scope, tenantId, endpointId });
    }

    @Patch(':endpointId')
    @Answers(WebhooksRpc.update)
    @Roles(...owner.writers)
    @ApiOperation({ summary: 'Change its URL, event types or description, or disable or enable it' })
    @ApiOkResponse({ type: WebhookEndpointResponse })
    @ApiBadRequestResponse({ description: 'As for registering' })
    update(
      @CurrentActor() actor: ActorDto,
      @Param(owner.param, idPipe) tenantId: string,
      @Param('endpointId', idPipe) endpointId: string,
      @Body() body: UpdateWebhookBody,
    ): Promise<WebhookEndpointView> {
      return this.rpc.call(WebhooksRpc.update, { actor, scope: owner.scope, tenantId, endpointId, ...body });
    }

    @Delete(':endpointId')
    @Answers(WebhooksRpc.delete)
    @HttpCode(204)
    @Roles(...owner.writers)
    @ApiOperation({ summary: 'Delete the endpoint and its deliveries' })
    @ApiNoContentResponse({ description: 'Deleted' })
    async remove(@CurrentActor() actor: ActorDto, @Param(owner.param, idPipe) tenantId: string, @Param('endpointId', idPipe) endpointId: string): Promise<void> {
      await this.rpc.call(WebhooksRpc.delete, { actor, scope: owner.scope, tenantId, endpointId });
    }

    @Post(':endpointId/rotate-secret')
    @Answers(WebhooksRpc.rotateSecret)
    @HttpCode(200)
    @Roles(...owner.writers)
    @ApiOperation({ summary: 'A new signing secret at once (the old one stops signing); shown once' })
    @ApiOkResponse({ type: WebhookEndpointWithSecretResponse })
    rotateSecret(@CurrentActor() actor: ActorDto, @Param(owner.param, idPipe) tenantId: string, @Param('endpointId', idPipe) endpointId: string): Promise<WebhookEndpointWithSecret> {
      return this.rpc.call(WebhooksRpc.rotateSecret, { actor, scope: owner.scope, tenantId, endpointId });
    }

    @Get(':endpointId/deliveries')
    @Answers(WebhooksRpc.listDeliveries)
    @Roles(...owner.readers)
    @ApiOperation({ summary: "The endpoint's delivery log, newest first: status, attempts, last response code and error" })
    @ApiOkResponse({ type: WebhookDeliveryListResponse })
    deliveries(
      @CurrentActor() actor: ActorDto,
      @Param(owner.param, idPipe) tenantId: string,
      @Param('endpointId', idPipe) endpointId: string,
      @Query() query: ListQuery,
    ): Promise<Page<WebhookDeliveryView>> {
      return this.rpc.call(WebhooksRpc.listDeliveries, { actor, scope: owner.scope, tenantId, endpointId, ...query });
    }

    @Post(':endpointId/deliveries/:deliveryId/redeliver')
    @Answers(WebhooksRpc.redeliver)
    @HttpCode(200)
    @Roles(...owner.writers)
    @ApiOperation({ summary: 'Send one delivery again (after what is pending for the endpoint), with a fresh retry window' })
    @ApiOkResponse({ type: WebhookDeliveryResponse })
    redeliver(
      @CurrentActor() actor: ActorDto,
      @Param(owner.param, idPipe) tenantId: string,
      @Param('endpointId', idPipe) endpointId: string,
      @Param('deliveryId', idPipe) deliveryId: string,
    ): Promise<WebhookDeliveryView> {
      return this.rpc.call(WebhooksRpc.redeliver, { actor, scope: owner.scope, tenantId, endpointId, deliveryId });
    }
  }
  return WebhooksController;
}
