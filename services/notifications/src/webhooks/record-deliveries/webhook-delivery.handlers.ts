import { webhookEventContracts, type IntegrationEventEnvelope, type WebhookEventSource } from '@broker/contracts';
import { eventHandlers, on, type IntegrationEventHandlers } from '@broker/messaging';
import type { UnitOfWork } from '@broker/read-models';
import type { NotificationLogger } from '../../outbox/notification-settings';
import { deliveryIdFor, nextSequence, WEBHOOK_DELIVERIES, type WebhookDeliveryDocument } from '../webhook-delivery';
import { ownerKeysOfTenant, WEBHOOK_ENDPOINTS, WEBHOOK_OWNERS, type WebhookEndpointDocument, type WebhookOwnerDocument } from '../webhook-endpoint';

/** What the handlers need: the service's logger and clock (the notification context fits). */
export interface WebhookDeliverySettings {
  logger: NotificationLogger;
  now: () => Date;
}

/** The owner's endpoints, by the owner's index document (kept with the endpoints, see WEBHOOK_OWNERS). */
async function endpointsOf(uow: UnitOfWork, ownerKey: string): Promise<WebhookEndpointDocument[]> {
  const owner = await uow.get<WebhookOwnerDocument>(WEBHOOK_OWNERS.name, ownerKey);
  const endpoints: WebhookEndpointDocument[] = [];
  for (const endpointId of owner?.data.endpointIds ?? []) {
    const endpoint = await uow.get<WebhookEndpointDocument>(WEBHOOK_ENDPOINTS.name, endpointId);
    if (endpoint) endpoints.push(endpoint.data);
  }
  return endpoints;
}

/**
 * One delivery per active endpoint of the event's organization or reseller that subscribed to its type, in the
 * consumer's unit of work (with the inbox entry). Its id comes from the endpoint and the event, and an existing one
 * is left as it is: the same event read twice delivers once.
 */
export async function recordDeliveries(envelope: IntegrationEventEnvelope<unknown>, uow: UnitOfWork, settings: WebhookDeliverySettings): Promise<number> {
  const now = settings.now().getTime();
  let made = 0;
  for (const ownerKey of ownerKeysOfTenant(envelope)) {
    for (const endpoint of await endpointsOf(uow, ownerKey)) {
      if (endpoint.status !== 'active' || !endpoint.eventTypes.includes(envelope.type)) continue;
      const deliveryId = deliveryIdFor(endpoint.endpointId, envelope.id);
      if (await uow.get(WEBHOOK_DELIVERIES.name, deliveryId)) continue;
      const delivery: WebhookDeliveryDocument = {
        deliveryId,
        endpointId: endpoint.endpointId,
        eventId: envelope.id,
        eventType: envelope.type,
        sequence: nextSequence(now),
        status: 'pending',
        attempts: 0,
        lastResponseCode: null,
        lastError: null,
        nextAttemptAt: now,
        retryFrom: now,
        createdAt: new Date(now).toISOString(),
        lastAttemptAt: null,
        deliveredAt: null,
        failedAt: null,
        payload: {
          type: envelope.type,
          timestamp: envelope.occurredAt,
          data: envelope.data,
          id: envelope.id,
          tenant: { resellerId: envelope.resellerId, organizationId: envelope.organizationId },
        },
      };
      await uow.upsert(WEBHOOK_DELIVERIES.name, deliveryId, delivery, 0);
      settings.logger.debug({ deliveryId, endpointId: endpoint.endpointId, eventId: envelope.id, eventType: envelope.type }, 'webhook delivery queued');
      made++;
    }
  }
  return made;
}

/** The webhooks' handlers of every integration event of one source service (a consumer of their own). */
export function webhookDeliveryHandlers(source: WebhookEventSource, settings: WebhookDeliverySettings): IntegrationEventHandlers {
  return eventHandlers(...webhookEventContracts(source).map((contract) => on(contract, (envelope, uow) => recordDeliveries(envelope, uow, settings).then(() => undefined))));
}
