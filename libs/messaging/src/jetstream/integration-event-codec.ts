import type { EventContract, IntegrationEventEnvelope } from '@broker/contracts';
import type { RecordedEvent } from '@broker/event-sourcing';
import { InvalidEnvelopeError } from './jetstream.errors';

/** Header names carried by every integration event message (NATS headers are case-insensitive on read). */
export const CORRELATION_ID_HEADER = 'x-correlation-id';
export const CAUSATION_ID_HEADER = 'x-causation-id';
export const EVENT_TYPE_HEADER = 'x-event-type';
/** JetStream's de-duplication header; set through the `msgID` publish option. */
export const MSG_ID_HEADER = 'Nats-Msg-Id';

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/**
 * The envelope of an integration event mapped from one internal event. Identity, time and the correlation ids
 * come from the recorded event, so a mapper is one line per event type:
 * `case 'ResellerCreated': return envelopeFromEvent(event, OrganizationsEvents.resellerCreated, { ... })`.
 * The payload is checked against the contract (its type comes from the contract alone, so an object literal gets
 * the excess-property check). Missing correlation/causation ids fall back to the event id (the event then starts
 * its own chain).
 */
export function envelopeFromEvent<TData>(
  event: RecordedEvent,
  contract: EventContract<TData>,
  data: NoInfer<TData>,
  overrides: Partial<Pick<IntegrationEventEnvelope, 'resellerId' | 'organizationId'>> = {},
): IntegrationEventEnvelope<TData> {
  const metadata = event.metadata ?? {};
  const correlationId = optionalString(metadata.correlationId) ?? event.id;
  return {
    id: event.id,
    type: contract.type,
    occurredAt: event.recordedAt.toISOString(),
    correlationId,
    causationId: optionalString(metadata.causationId) ?? correlationId,
    resellerId: overrides.resellerId !== undefined ? overrides.resellerId : optionalString(metadata.resellerId),
    organizationId: overrides.organizationId !== undefined ? overrides.organizationId : optionalString(metadata.organizationId),
    ...actorOf(optionalString(metadata.actorId)),
    data,
  };
}

/** The envelope's actor when it is known (the field is left out otherwise, as on envelopes from before it). */
function actorOf(actorId: string | null): Pick<IntegrationEventEnvelope, 'actorId'> {
  return actorId === null ? {} : { actorId };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeEnvelope(envelope: IntegrationEventEnvelope<unknown>): Uint8Array {
  return encoder.encode(JSON.stringify(envelope));
}

function requireString(record: Record<string, unknown>, field: string): string {
  const value = record[field];
  if (typeof value !== 'string' || value.length === 0) throw new InvalidEnvelopeError(`${field} must be a non-empty string`);
  return value;
}

function nullableString(record: Record<string, unknown>, field: string): string | null {
  const value = record[field];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new InvalidEnvelopeError(`${field} must be a string or null`);
  return value;
}

/** Parses and checks a message payload; throws InvalidEnvelopeError when it is not an envelope. */
export function decodeEnvelope(payload: Uint8Array): IntegrationEventEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(payload));
  } catch (error) {
    throw new InvalidEnvelopeError(error instanceof Error ? error.message : 'unreadable payload');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidEnvelopeError('not a JSON object');
  const record = parsed as Record<string, unknown>;
  const data = record.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new InvalidEnvelopeError('data must be an object');
  return {
    id: requireString(record, 'id'),
    type: requireString(record, 'type'),
    occurredAt: requireString(record, 'occurredAt'),
    correlationId: requireString(record, 'correlationId'),
    causationId: requireString(record, 'causationId'),
    resellerId: nullableString(record, 'resellerId'),
    organizationId: nullableString(record, 'organizationId'),
    ...actorOf(nullableString(record, 'actorId')),
    data: data as Record<string, unknown>,
  };
}
