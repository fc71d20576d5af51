import { ApiProperty } from '@nestjs/swagger';
import {
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_ENDPOINT_STATUSES,
  WEBHOOK_OWNER_SCOPES,
  type Page,
  type WebhookDeliveryStatus,
  type WebhookDeliveryView,
  type WebhookEndpointStatus,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
  type WebhookOwnerScope,
} from '@broker/contracts';
import { Documents } from '../openapi/documents-contract';

@Documents<WebhookEndpointView['owner']>()
export class WebhookOwnerResponse {
  @ApiProperty({ enum: WEBHOOK_OWNER_SCOPES })
  scope!: WebhookOwnerScope;

  @ApiProperty({ format: 'uuid' })
  tenantId!: string;
}

@Documents<WebhookEndpointView>()
export class WebhookEndpointResponse {
  @ApiProperty({ format: 'uuid' })
  endpointId!: string;

  @ApiProperty({ type: WebhookOwnerResponse })
  owner!: WebhookOwnerResponse;

  @ApiProperty()
  url!: string;

  @ApiProperty({ type: [String] })
  eventTypes!: string[];

  @ApiProperty()
  description!: string;

  @ApiProperty({ enum: WEBHOOK_ENDPOINT_STATUSES })
  status!: WebhookEndpointStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Why it is disabled; null while active' })
  disabledReason!: string | null;

  @ApiProperty({ description: 'Deliveries failed for good since the last one delivered' })
  consecutiveFailures!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

@Documents<WebhookEndpointWithSecret>()
export class WebhookEndpointWithSecretResponse extends WebhookEndpointResponse {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The signing secret, shown this once (rotate it to get a new one)' })
  secret!: string;
}

@Documents<Page<WebhookEndpointView>>()
export class WebhookEndpointListResponse {
  @ApiProperty({ type: [WebhookEndpointResponse] })
  items!: WebhookEndpointResponse[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}

@Documents<WebhookDeliveryView>()
export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid' })
  deliveryId!: string;

  @ApiProperty({ format: 'uuid' })
  endpointId!: string;

  @ApiProperty({ format: 'uuid', description: 'The `webhook-id` header: the integration event id' })
  eventId!: string;

  @ApiProperty()
  eventType!: string;

  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES })
  status!: WebhookDeliveryStatus;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ type: Number, nullable: true })
  lastResponseCode!: number | null;

  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  nextAttemptAt!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  deliveredAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

@Documents<Page<WebhookDeliveryView>>()
export class WebhookDeliveryListResponse {
  @ApiProperty({ type: [WebhookDeliveryResponse], description: 'Newest first' })
  items!: WebhookDeliveryResponse[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}
