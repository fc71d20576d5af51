import type { IntegrationEventEnvelope } from '@broker/contracts';
import type { CollectionDefinition, DocumentReader } from '@broker/read-models';

/** Messages a consumer gave up on, kept in the consuming service's document store for inspection and replay. */
export const PARKED_MESSAGES_COLLECTION: CollectionDefinition = {
  name: 'parked_messages',
  indexes: { consumer: 'string', parkedAt: 'string' },
};

export interface ParkedMessage {
  /** Durable consumer name. */
  consumer: string;
  subject: string;
  streamSequence: number;
  /** The envelope id, or null when the payload could not be parsed. */
  messageId: string | null;
  eventType: string | null;
  envelope: IntegrationEventEnvelope | null;
  /** The payload as text, kept only when it was not an envelope. */
  rawPayload: string | null;
  error: { message: string; code: string | null };
  attempts: number;
  /** ISO 8601 UTC. */
  parkedAt: string;
  /** Requeues by an operator that failed again (absent: none). */
  failedRequeues?: number;
}

/**
 * What a requeue came to. `applied`, `duplicate` (the inbox had it) and `skipped` (no handler for its type any more)
 * remove it from the parked messages; `failed` keeps it there with the new error; `not_found`: not parked (any
 * more); `unreadable`: its payload is not an envelope, there is nothing to hand to a handler.
 */
export type RequeueOutcome =
  | { outcome: 'applied' | 'duplicate' | 'skipped' | 'not_found' | 'unreadable' }
  | { outcome: 'failed'; error: { message: string; code: string | null } };

/**
 * Redeliveries on which a handler started and whose end nobody saw: one document per message, kept only while the
 * message is neither applied nor parked. The stream counts deliveries, but a delivery to a process that died on
 * another message of its batch also counts there; this mark tells the message that killed the process apart.
 */
export const UNFINISHED_DELIVERIES_COLLECTION: CollectionDefinition = {
  name: 'unfinished_deliveries',
  indexes: { consumer: 'string' },
};

export interface UnfinishedDelivery {
  consumer: string;
  streamSequence: number;
  /** Redeliveries on which the handler started and neither committed nor failed visibly. */
  starts: number;
  /** The stream's delivery count when the handler last started. */
  lastDeliveryCount: number;
}

export function unfinishedDeliveryId(consumer: string, streamSequence: number): string {
  return `${consumer}:${streamSequence}`;
}

export function parkedMessageId(consumer: string, messageId: string | null, streamSequence: number): string {
  return messageId ? `${consumer}:${messageId}` : `${consumer}:seq:${streamSequence}`;
}

/** Number of messages parked by one consumer (pages through the collection; parked messages are few). */
export async function countParkedMessages(reader: DocumentReader, consumer: string): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await reader.find<ParkedMessage>(PARKED_MESSAGES_COLLECTION.name, {
      where: { consumer },
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    count += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return count;
}
