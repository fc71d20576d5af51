import { nameBasedId, type WebhookDeliveryStatus, type WebhookDeliveryView } from '@broker/contracts';
import type { CollectionDefinition } from '@broker/read-models';

/**
 * The webhook deliveries: one document per (endpoint, event), written in the unit of work of the consumer that read
 * the event, so a redelivered or duplicated event makes no second delivery. `sequence` orders one endpoint's
 * deliveries as they were made (the sender works them off in that order); `nextAttemptAt` finds those due.
 */
export const WEBHOOK_DELIVERIES: CollectionDefinition = {
  name: 'webhook_deliveries',
  indexes: { endpointId: 'string', status: 'string', nextAttemptAt: 'number', sequence: 'number' },
};

/** The body POSTed, fixed when the delivery is made so every attempt sends the same bytes. */
export interface WebhookPayload {
  type: string;
  /** When the event occurred (ISO 8601). */
  timestamp: string;
  data: unknown;
  id: string;
  tenant: { resellerId: string | null; organizationId: string | null };
}

export interface WebhookDeliveryDocument {
  deliveryId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  sequence: number;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastResponseCode: number | null;
  lastError: string | null;
  /** Epoch milliseconds. */
  nextAttemptAt: number;
  /** Epoch milliseconds: when it was made or last redelivered; a failure WEBHOOK_RETRY_FOR_MS after it fails it for good. */
  retryFrom: number;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  payload: WebhookPayload;
}

/** The same endpoint and event always give the same delivery. */
export const deliveryIdFor = (endpointId: string, eventId: string): string => nameBasedId(`webhook-delivery:${endpointId}:${eventId}`);

let lastSequence = 0;
/**
 * Microseconds since the epoch, strictly increasing within the process: the order in which this process made its
 * deliveries (one source's events are handled in order by one consumer, so one subject's deliveries keep theirs).
 */
export function nextSequence(nowMs: number = Date.now()): number {
  lastSequence = Math.max(nowMs * 1000, lastSequence + 1);
  return lastSequence;
}

export function toDeliveryView(document: WebhookDeliveryDocument): WebhookDeliveryView {
  const { deliveryId, endpointId, eventId, eventType, status, attempts, lastResponseCode, lastError, nextAttemptAt, deliveredAt, createdAt } = document;
  return {
    deliveryId,
    endpointId,
    eventId,
    eventType,
    status,
    attempts,
    lastResponseCode,
    lastError,
    nextAttemptAt: status === 'pending' ? new Date(nextAttemptAt).toISOString() : null,
    deliveredAt,
    createdAt,
  };
}
