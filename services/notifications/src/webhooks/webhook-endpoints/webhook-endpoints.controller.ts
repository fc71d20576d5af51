import { randomUUID } from 'node:crypto';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateWebhookEndpointRequest,
  ListWebhookDeliveriesRequest,
  ListWebhookEndpointsRequest,
  MAX_WEBHOOK_ENDPOINTS,
  RedeliverWebhookRequest,
  UpdateWebhookEndpointRequest,
  WebhookEndpointRequest,
  WebhooksRpc,
  type ActorDto,
  type Page,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
} from '@broker/contracts';
import { DomainError, InvalidInputError } from '@broker/event-sourcing';
import { RpcHandler } from '@broker/messaging';
import type { DocumentStore, StoredDocument } from '@broker/read-models';
import { DOCUMENT_STORE, SERVICE_CONFIG } from '@broker/runtime';
import { Directory } from '../../directory/directory';
import type { NotificationsConfig } from '../../notifications.config';
import { newWebhookSecret } from '../signing/webhook-signature';
import { checkWebhookUrl, resolveWithDns, UrlRefusedError, type HostResolver, type UrlPolicy } from '../url-policy/url-policy';
import { webhookUrlPolicy } from '../url-policy/webhook-url-policy.config';
import { nextSequence, toDeliveryView, WEBHOOK_DELIVERIES, type WebhookDeliveryDocument } from '../webhook-delivery';
import { ownerKeyOf, toEndpointView, WEBHOOK_ENDPOINTS, WEBHOOK_OWNERS, type WebhookEndpointDocument, type WebhookOwner, type WebhookOwnerDocument } from '../webhook-endpoint';
import { checkWebhookAccess, WebhooksNotFoundError, type WebhookIntent } from './endpoint-access';

export class WebhookEndpointLimitError extends DomainError {
  constructor() {
    super('WEBHOOKS.ENDPOINT_LIMIT_EXCEEDED', `At most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints per organization or reseller`);
  }
}

export class WebhookDeliveryPendingError extends DomainError {
  constructor(deliveryId: string) {
    super('WEBHOOKS.DELIVERY_ALREADY_PENDING', `Delivery ${deliveryId} is pending already`);
  }
}

const PAGE = 500;

/**
 * The webhook endpoints of organizations and resellers, and their deliveries: role and tenant checked on every call
 * (endpoint-access.ts), the URL checked against the policy on every save. The secret leaves the service only in the
 * answers of create and rotate-secret.
 */
@Controller()
export class WebhookEndpointsController {
  private readonly policy: UrlPolicy;
  /** Host lookups of the URL policy (a test may answer its own). */
  resolve: HostResolver = resolveWithDns;
  now: () => Date = () => new Date();

  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(SERVICE_CONFIG) config: NotificationsConfig,
  ) {
    this.policy = webhookUrlPolicy(config);
  }

  @RpcHandler(WebhooksRpc.create)
  async create(@Payload() request: CreateWebhookEndpointRequest): Promise<WebhookEndpointWithSecret> {
    const owner = await this.allow(request.actor, request, 'write');
    const url = await this.checkUrl(request.url);
    const ownerKey = ownerKeyOf(owner);
    const at = this.now().toISOString();
    const endpoint: WebhookEndpointDocument = {
      endpointId: randomUUID(),
      owner,
      ownerKey,
      url,
      eventTypes: [...request.eventTypes],
      description: request.description ?? '',
      status: 'active',
      disabledReason: null,
      secret: newWebhookSecret(),
      consecutiveFailures: 0,
      createdAt: at,
      updatedAt: at,
    };
    await this.documents.unitOfWork(async (uow) => {
      const index = await uow.get<WebhookOwnerDocument>(WEBHOOK_OWNERS.name, ownerKey);
      const endpointIds = index?.data.endpointIds ?? [];
      if (endpointIds.length >= MAX_WEBHOOK_ENDPOINTS) throw new WebhookEndpointLimitError();
      await uow.upsert(WEBHOOK_ENDPOINTS.name, endpoint.endpointId, endpoint, 0);
      await uow.upsert<WebhookOwnerDocument>(WEBHOOK_OWNERS.name, ownerKey, { ownerKey, endpointIds: [...endpointIds, endpoint.endpointId] }, index?.version ?? 0);
    });
    return { ...toEndpointView(endpoint), secret: endpoint.secret };
  }

  @RpcHandler(WebhooksRpc.list)
  async list(@Payload() request: ListWebhookEndpointsRequest): Promise<Page<WebhookEndpointView>> {
    const owner = await this.allow(request.actor, request, 'read');
    const page = await this.documents.find<WebhookEndpointDocument>(WEBHOOK_ENDPOINTS.name, {
      where: { ownerKey: ownerKeyOf(owner) },
      sort: { field: 'createdAt', direction: 'asc' },
      limit: request.limit ?? 50,
      ...(request.cursor ? { cursor: request.cursor } : {}),
    });
    return { items: page.items.map((item) => toEndpointView(item.data)), nextCursor: page.nextCursor };
  }

  @RpcHandler(WebhooksRpc.get)
  async get(@Payload() request: WebhookEndpointRequest): Promise<WebhookEndpointView> {
    const owner = await this.allow(request.actor, request, 'read');
    return toEndpointView((await this.endpoint(owner, request.endpointId)).data);
  }

  @RpcHandler(WebhooksRpc.update)
  async update(@Payload() request: UpdateWebhookEndpointRequest): Promise<WebhookEndpointView> {
    const owner = await this.allow(request.actor, request, 'write');
    const url = request.url !== undefined ? await this.checkUrl(request.url) : undefined;
    const current = await this.endpoint(owner, request.endpointId);
    const at = this.now().toISOString();
    const next: WebhookEndpointDocument = { ...current.data, updatedAt: at };
    if (url !== undefined) next.url = url;
    if (request.eventTypes) next.eventTypes = [...request.eventTypes];
    if (request.description !== undefined) next.description = request.description;
    const enabling = request.enabled === true && current.data.status !== 'active';
    if (enabling) Object.assign(next, { status: 'active', disabledReason: null, consecutiveFailures: 0 });
    if (request.enabled === false && current.data.status === 'active') Object.assign(next, { status: 'disabled', disabledReason: `disabled by ${request.actor.userId}` });
    await this.documents.upsert(WEBHOOK_ENDPOINTS.name, current.id, next, current.version);
    if (enabling) await this.resumePaused(current.id);
    return toEndpointView(next);
  }

  @RpcHandler(WebhooksRpc.rotateSecret)
  async rotateSecret(@Payload() request: WebhookEndpointRequest): Promise<WebhookEndpointWithSecret> {
    const owner = await this.allow(request.actor, request, 'write');
    const current = await this.endpoint(owner, request.endpointId);
    const next: WebhookEndpointDocument = { ...current.data, secret: newWebhookSecret(), updatedAt: this.now().toISOString() };
    await this.documents.upsert(WEBHOOK_ENDPOINTS.name, current.id, next, current.version);
    return { ...toEndpointView(next), secret: next.secret };
  }

  @RpcHandler(WebhooksRpc.delete)
  async delete(@Payload() request: WebhookEndpointRequest): Promise<{ ok: true }> {
    const owner = await this.allow(request.actor, request, 'write');
    const current = await this.endpoint(owner, request.endpointId);
    await this.documents.unitOfWork(async (uow) => {
      const index = await uow.get<WebhookOwnerDocument>(WEBHOOK_OWNERS.name, current.data.ownerKey);
      if (index) {
        const endpointIds = index.data.endpointIds.filter((id) => id !== current.id);
        await uow.upsert<WebhookOwnerDocument>(WEBHOOK_OWNERS.name, current.data.ownerKey, { ...index.data, endpointIds }, index.version);
      }
      await uow.delete(WEBHOOK_ENDPOINTS.name, current.id);
    });
    // Its deliveries go too (a delivery made meanwhile is dropped by the sender, which finds no endpoint).
    for (;;) {
      const page = await this.documents.find(WEBHOOK_DELIVERIES.name, { where: { endpointId: current.id }, limit: PAGE });
      if (page.items.length === 0) break;
      await this.documents.unitOfWork(async (uow) => {
        for (const { id } of page.items) await uow.delete(WEBHOOK_DELIVERIES.name, id);
      });
    }
    return { ok: true };
  }

  @RpcHandler(WebhooksRpc.listDeliveries)
  async listDeliveries(@Payload() request: ListWebhookDeliveriesRequest): Promise<Page<WebhookDeliveryView>> {
    const owner = await this.allow(request.actor, request, 'read');
    const endpoint = await this.endpoint(owner, request.endpointId);
    const page = await this.documents.find<WebhookDeliveryDocument>(WEBHOOK_DELIVERIES.name, {
      where: { endpointId: endpoint.id },
      sort: { field: 'sequence', direction: 'desc' },
      limit: request.limit ?? 50,
      ...(request.cursor ? { cursor: request.cursor } : {}),
    });
    return { items: page.items.map((item) => toDeliveryView(item.data)), nextCursor: page.nextCursor };
  }

  @RpcHandler(WebhooksRpc.redeliver)
  async redeliver(@Payload() request: RedeliverWebhookRequest): Promise<WebhookDeliveryView> {
    const owner = await this.allow(request.actor, request, 'write');
    const endpoint = await this.endpoint(owner, request.endpointId);
    const delivery = await this.documents.get<WebhookDeliveryDocument>(WEBHOOK_DELIVERIES.name, request.deliveryId);
    if (!delivery || delivery.data.endpointId !== endpoint.id) throw new WebhooksNotFoundError('webhook delivery', request.deliveryId);
    if (delivery.data.status === 'pending' || delivery.data.status === 'paused') throw new WebhookDeliveryPendingError(request.deliveryId);
    const now = this.now().getTime();
    // Queued again behind what is pending for the endpoint now, with a fresh retry window and backoff.
    const next: WebhookDeliveryDocument = {
      ...delivery.data,
      status: endpoint.data.status === 'active' ? 'pending' : 'paused',
      sequence: nextSequence(now),
      attempts: 0,
      nextAttemptAt: now,
      retryFrom: now,
      deliveredAt: null,
      failedAt: null,
    };
    await this.documents.upsert(WEBHOOK_DELIVERIES.name, delivery.id, next, delivery.version);
    return toDeliveryView(next);
  }

  /** Checks role and tenant; answers the owner the request names. */
  private async allow(actor: ActorDto, request: WebhookOwner, intent: WebhookIntent): Promise<WebhookOwner> {
    const owner: WebhookOwner = { scope: request.scope, tenantId: request.tenantId };
    const resellerOf = owner.scope === 'organization' ? ((await new Directory(this.documents).organization(owner.tenantId))?.resellerId ?? null) : null;
    checkWebhookAccess(actor, owner, resellerOf, intent);
    return owner;
  }

  /** The owner's endpoint; another owner's is not found. */
  private async endpoint(owner: WebhookOwner, endpointId: string): Promise<StoredDocument<WebhookEndpointDocument>> {
    const found = await this.documents.get<WebhookEndpointDocument>(WEBHOOK_ENDPOINTS.name, endpointId);
    if (!found || found.data.ownerKey !== ownerKeyOf(owner)) throw new WebhooksNotFoundError('webhook endpoint', endpointId);
    return found;
  }

  /** The URL as stored (normalised by the URL parser), or a 400 naming `url`. */
  private async checkUrl(url: string): Promise<string> {
    try {
      return (await checkWebhookUrl(url, this.policy, this.resolve)).url.toString();
    } catch (error) {
      if (error instanceof UrlRefusedError) throw new InvalidInputError([{ field: 'url', message: error.reason }]);
      throw error;
    }
  }

  /** An enabled endpoint's held-back deliveries go out again, in their order, each with a fresh retry window. */
  private async resumePaused(endpointId: string): Promise<void> {
    const now = this.now().getTime();
    for (;;) {
      const page = await this.documents.find<WebhookDeliveryDocument>(WEBHOOK_DELIVERIES.name, { where: { endpointId, status: 'paused' }, limit: PAGE });
      if (page.items.length === 0) return;
      await this.documents.unitOfWork(async (uow) => {
        for (const item of page.items) await uow.upsert(WEBHOOK_DELIVERIES.name, item.id, { ...item.data, status: 'pending', nextAttemptAt: now, retryFrom: now }, item.version);
      });
    }
  }
}
