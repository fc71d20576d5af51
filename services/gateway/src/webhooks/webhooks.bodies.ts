import { CreateWebhookEndpointRequest, UpdateWebhookEndpointRequest, WEBHOOK_EVENT_TYPES } from '@broker/contracts';
import type { ApiPropertyOptions } from '@nestjs/swagger';
import { bodyFromContract } from '../openapi/body-from-contract';

const EVENT_TYPES: ApiPropertyOptions = {
  type: [String],
  example: ['approvals.transaction-approved.v1', 'identity.user-disabled.v1'],
  description: `Integration event types to receive (the \`type\` of each delivery), of: ${WEBHOOK_EVENT_TYPES.join(', ')}`,
};

/** POST .../webhooks */
export class CreateWebhookBody extends bodyFromContract(CreateWebhookEndpointRequest, {
  url: { example: 'https://erp.contoso.example/hooks/broker', description: 'https:// only; its host must resolve to public addresses (private, loopback and link-local are refused unless the operator allows them); redirects are not followed' },
  eventTypes: EVENT_TYPES,
  description: { required: false, example: 'ERP sync' },
}) {}

/** PATCH .../webhooks/{endpointId}: what is given changes. */
export class UpdateWebhookBody extends bodyFromContract(UpdateWebhookEndpointRequest, {
  url: { required: false },
  eventTypes: { ...EVENT_TYPES, required: false },
  description: { required: false },
  enabled: { required: false, description: 'true enables a disabled endpoint (its paused deliveries go out again); false disables it' },
}) {}
