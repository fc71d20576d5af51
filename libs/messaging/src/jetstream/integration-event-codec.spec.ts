import { event, type NoPayload } from '@broker/contracts';
import type { RecordedEvent } from '@broker/event-sourcing';
import { decodeEnvelope, encodeEnvelope, envelopeFromEvent } from './integration-event-codec';
import { InvalidEnvelopeError } from './jetstream.errors';

function recorded(metadata: RecordedEvent['metadata']): RecordedEvent {
  return {
    id: 'evt-1',
    streamId: 'reseller-1',
    revision: 0n,
    position: { commit: 1n, prepare: 0n },
    type: 'ResellerCreated',
    schemaVersion: 1,
    data: { name: 'Acme' },
    metadata,
    recordedAt: new Date('2025-03-04T05:06:07.089Z'),
  };
}

describe('envelopeFromEvent', () => {
  it('takes identity, time, correlation and tenancy from the recorded event', () => {
    const envelope = envelopeFromEvent(
      recorded({ correlationId: 'corr', causationId: 'cause', resellerId: 'r1', organizationId: 'o1', actorId: 'u1' }),
      event<{ name: string }>('organizations.reseller-created.v1'),
      { name: 'Acme' },
    );
    expect(envelope).toEqual({
      id: 'evt-1',
      type: 'organizations.reseller-created.v1',
      occurredAt: '2025-03-04T05:06:07.089Z',
      correlationId: 'corr',
      causationId: 'cause',
      actorId: 'u1',
      resellerId: 'r1',
      organizationId: 'o1',
      data: { name: 'Acme' },
    });
  });

  it('starts a chain at the event when the metadata carries no ids, and lets tenancy be overridden', () => {
    const envelope = envelopeFromEvent(recorded({}), event<NoPayload>('t.v1'), {}, { resellerId: 'r9', organizationId: null });
    expect(envelope.correlationId).toBe('evt-1');
    expect(envelope.causationId).toBe('evt-1');
    expect(envelope.resellerId).toBe('r9');
    expect(envelope.organizationId).toBeNull();
  });
});

describe('decodeEnvelope', () => {
  const envelope = envelopeFromEvent(recorded({ correlationId: 'c' }), event<{ a: number }>('x.y.v1'), { a: 1 });

  it('reads back what encodeEnvelope wrote', () => {
    expect(decodeEnvelope(encodeEnvelope(envelope))).toEqual(envelope);
  });

  it('reads the actor when the envelope names one, and leaves it out otherwise (envelopes from before it)', () => {
    const withActor = envelopeFromEvent(recorded({ correlationId: 'c', actorId: 'u-7' }), event<{ a: number }>('x.y.v1'), { a: 1 });
    expect(decodeEnvelope(encodeEnvelope(withActor)).actorId).toBe('u-7');
    expect(decodeEnvelope(encodeEnvelope(envelope))).not.toHaveProperty('actorId');
  });

  it.each([
    ['not JSON', new TextEncoder().encode('{oops')],
    ['an array', new TextEncoder().encode('[]')],
    ['no id', new TextEncoder().encode(JSON.stringify({ ...envelope, id: '' }))],
    ['data not an object', new TextEncoder().encode(JSON.stringify({ ...envelope, data: 3 }))],
    ['organizationId not a string', new TextEncoder().encode(JSON.stringify({ ...envelope, organizationId: 5 }))],
    ['actorId not a string', new TextEncoder().encode(JSON.stringify({ ...envelope, actorId: ['u-1'] }))],
    ['invalid UTF-8', new Uint8Array([0xff, 0xfe])],
  ])('rejects %s with MESSAGING.INVALID_ENVELOPE', (_label, payload) => {
    expect(() => decodeEnvelope(payload)).toThrow(InvalidEnvelopeError);
    try {
      decodeEnvelope(payload);
    } catch (error) {
      expect((error as InvalidEnvelopeError).code).toBe('MESSAGING.INVALID_ENVELOPE');
    }
  });
});
