import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ApprovalsEvents } from '../approvals/approvals.events';
import { ActorDto } from '../auth/actor';
import { CatalogEvents } from '../catalog/catalog.events';
import type { EventContract } from '../event-contract';
import { IdentityEvents } from '../identity/identity.events';
import type { ServiceName } from '../naming';
import { OrganizationsEvents } from '../organizations/organizations.events';
import type { Page } from '../organizations/reseller.rpc';
import { SupportRequestEvents } from '../organizations/support-request.events';
import { rpc } from '../rpc-contract';
import { ActorField, PageCursorField, PageLimitField } from '../shared/request-fields';

/**
 * Outgoing webhooks, kept by the notifications service: an organization or a reseller registers HTTPS endpoints and
 * the integration event types each wants; every such event of that tenant is POSTed to it in the Standard Webhooks
 * format (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256>`), retried with backoff.
 * Role and tenant are checked on every call: an organization's endpoints by its org_admin and its reseller's
 * reseller_admin, a reseller's by its reseller_admin; the platform_admin reads all (writes none); anyone else is
 * refused (WEBHOOKS.FORBIDDEN) and another tenant's endpoint is not found (WEBHOOKS.NOT_FOUND).
 */
const ERRORS = ['WEBHOOKS.FORBIDDEN', 'WEBHOOKS.NOT_FOUND'];
export const WebhooksRpc = {
  /** Answers the endpoint with its signing secret: the only answer besides rotate-secret that holds it. */
  create: rpc<CreateWebhookEndpointRequest, WebhookEndpointWithSecret>('notifications.webhooks.create', { errors: [...ERRORS, 'WEBHOOKS.ENDPOINT_LIMIT_EXCEEDED'] }),
  list: rpc<ListWebhookEndpointsRequest, Page<WebhookEndpointView>>('notifications.webhooks.list', { errors: ERRORS }),
  get: rpc<WebhookEndpointRequest, WebhookEndpointView>('notifications.webhooks.get', { errors: ERRORS }),
  update: rpc<UpdateWebhookEndpointRequest, WebhookEndpointView>('notifications.webhooks.update', { errors: ERRORS }),
  /** A new secret at once (the old one stops signing); answered once. */
  rotateSecret: rpc<WebhookEndpointRequest, WebhookEndpointWithSecret>('notifications.webhooks.rotate-secret', { errors: ERRORS }),
  /** Deletes the endpoint and its deliveries. */
  delete: rpc<WebhookEndpointRequest, { ok: true }>('notifications.webhooks.delete', { errors: ERRORS }),
  listDeliveries: rpc<ListWebhookDeliveriesRequest, Page<WebhookDeliveryView>>('notifications.webhooks.list-deliveries', { errors: ERRORS }),
  /** Queues one delivery again (behind what is pending for its endpoint), with a fresh retry window. */
  redeliver: rpc<RedeliverWebhookRequest, WebhookDeliveryView>('notifications.webhooks.redeliver', { errors: [...ERRORS, 'WEBHOOKS.DELIVERY_ALREADY_PENDING'] }),
} as const;

/** The services whose integration events endpoints may subscribe to, and their events. */
export const WEBHOOK_EVENT_SOURCES = {
  identity: [IdentityEvents],
  organizations: [OrganizationsEvents, SupportRequestEvents],
  catalog: [CatalogEvents],
  approvals: [ApprovalsEvents],
} as const satisfies Partial<Record<ServiceName, readonly Record<string, EventContract<unknown>>[]>>;
export type WebhookEventSource = keyof typeof WEBHOOK_EVENT_SOURCES;

/** Every event contract of one source service. */
export function webhookEventContracts(source: WebhookEventSource): EventContract<unknown>[] {
  return WEBHOOK_EVENT_SOURCES[source].flatMap((events) => Object.values(events) as EventContract<unknown>[]);
}

/** The integration event types an endpoint may subscribe to (`approvals.transaction-approved.v1`, ...). */
export const WEBHOOK_EVENT_TYPES: readonly string[] = Object.freeze(
  (Object.keys(WEBHOOK_EVENT_SOURCES) as WebhookEventSource[]).flatMap((source) => webhookEventContracts(source).map((contract) => contract.type)).sort(),
);

export const WEBHOOK_OWNER_SCOPES = ['organization', 'reseller'] as const;
export type WebhookOwnerScope = (typeof WEBHOOK_OWNER_SCOPES)[number];
export const WEBHOOK_ENDPOINT_STATUSES = ['active', 'disabled'] as const;
export type WebhookEndpointStatus = (typeof WEBHOOK_ENDPOINT_STATUSES)[number];
/**
 * pending   -> waiting for its next attempt (or behind an earlier pending delivery of its endpoint);
 * delivered -> the endpoint answered 2xx (final unless redelivered);
 * failed    -> not delivered within the retry window (final unless redelivered);
 * paused    -> its endpoint is disabled; pending again when the endpoint is enabled.
 */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'paused'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export const MAX_WEBHOOK_URL = 2000;
export const MAX_WEBHOOK_DESCRIPTION = 500;
export const MAX_WEBHOOK_EVENT_TYPES = 100;
/** Endpoints one organization or reseller may have (one more: WEBHOOKS.ENDPOINT_LIMIT_EXCEEDED, 422). */
export const MAX_WEBHOOK_ENDPOINTS = 20;

/** Whose endpoints: an organization's or a reseller's (`tenantId` is its id). */
export class WebhookOwnerRequest {
  @ActorField()
  actor!: ActorDto;

  @IsIn(WEBHOOK_OWNER_SCOPES)
  scope!: WebhookOwnerScope;

  @IsUUID()
  tenantId!: string;
}

export class ListWebhookEndpointsRequest extends WebhookOwnerRequest {
  @PageLimitField()
  limit?: number;

  @PageCursorField()
  cursor?: string;
}

export class CreateWebhookEndpointRequest extends WebhookOwnerRequest {
  /** https:// (http:// only where the deployment allows it); its host must resolve to public addresses only. */
  @IsString()
  @MaxLength(MAX_WEBHOOK_URL)
  url!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_WEBHOOK_EVENT_TYPES)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: 'each of eventTypes must be a known integration event type' })
  eventTypes!: string[];

  @IsOptional()
  @IsString()
  @MaxLength(MAX_WEBHOOK_DESCRIPTION)
  description?: string;
}

export class WebhookEndpointRequest extends WebhookOwnerRequest {
  @IsUUID()
  endpointId!: string;
}

/** Changes what is given; `enabled: true` enables a disabled endpoint (its paused deliveries go out again), false disables it. */
export class UpdateWebhookEndpointRequest extends WebhookEndpointRequest {
  @IsOptional()
  @IsString()
  @MaxLength(MAX_WEBHOOK_URL)
  url?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_WEBHOOK_EVENT_TYPES)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: 'each of eventTypes must be a known integration event type' })
  eventTypes?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(MAX_WEBHOOK_DESCRIPTION)
  description?: string;

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class ListWebhookDeliveriesRequest extends WebhookEndpointRequest {
  @PageLimitField()
  limit?: number;

  @PageCursorField()
  cursor?: string;
}

export class RedeliverWebhookRequest extends WebhookEndpointRequest {
  @IsUUID()
  deliveryId!: string;
}

/** An endpoint as listed: never its secret. */
export interface WebhookEndpointView {
  endpointId: string;
  owner: { scope: WebhookOwnerScope; tenantId: string };
  url: string;
  eventTypes: string[];
  description: string;
  status: WebhookEndpointStatus;
  /** Why it is disabled (`disabled by <user id>`, `5 deliveries in a row failed`); null while active. */
  disabledReason: string | null;
  /** Deliveries that failed for good since the last one delivered. */
  consecutiveFailures: number;
  createdAt: string;
  updatedAt: string;
}

/** Answered by create and rotate-secret only: `whsec_` + base64 of 32 random bytes (the Standard Webhooks form). */
export interface WebhookEndpointWithSecret extends WebhookEndpointView {
  secret: string;
}

/** One event to one endpoint, newest first in a list. */
export interface WebhookDeliveryView {
  deliveryId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** The HTTP status of the last answer; null when none came (network error, timeout, refused address). */
  lastResponseCode: number | null;
  /** Why the last attempt failed, in short; null when it did not. */
  lastError: string | null;
  /** When it is tried next (pending only). */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}
