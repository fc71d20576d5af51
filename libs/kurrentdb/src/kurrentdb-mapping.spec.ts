import { START, WrongExpectedRevisionError, type EventToAppend, type GlobalPosition } from '@broker/event-sourcing';
import { StreamNotFoundError, UnavailableError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import {
  fromStoredStreamName,
  idReservationStreamName,
  isStorableUuid,
  isSystemRecord,
  JSON_METADATA_KEY,
  matchAppendedBatch,
  nameBasedUuid,
  ORIGINAL_ID_KEY,
  packMetadata,
  SCHEMA_VERSION_KEY,
  storedEventsById,
  toActualRevision,
  toClientConnectionString,
  toEventData,
  toGlobalPosition,
  toReadAllResult,
  toReadPosition,
  toRecordedEvent,
  toStoredEventId,
  toStoredStreamName,
  toStreamState,
  toWrongExpectedRevision,
  unpackMetadata,
  validateNamespace,
  type KurrentDbRecord,
} from './kurrentdb-mapping';
import { isTransientKurrentDbError } from './kurrentdb-transient-errors';

const NS = 'broker-identity';
const UUID = '3f2c1b9e-8d7a-4c6b-9a5f-1e2d3c4b5a69';

function position(commit: number, prepare = commit): GlobalPosition {
  return { commit: BigInt(commit), prepare: BigInt(prepare) };
}

/** A record as KurrentDB would give it back for an event this adapter appended. */
function stored(
  event: EventToAppend,
  at: { stream?: string; revision?: number; position?: GlobalPosition; namespace?: string } = {},
): KurrentDbRecord {
  const data = toEventData(event);
  return {
    streamId: toStoredStreamName(at.namespace ?? NS, at.stream ?? 'order-1'),
    id: data.id,
    revision: BigInt(at.revision ?? 0),
    type: event.type,
    created: new Date('2025-01-02T03:04:05.000Z'),
    data: JSON.parse(JSON.stringify(event.data)) as unknown,
    metadata: JSON.parse(JSON.stringify(data.metadata)) as unknown,
    position: at.position ?? position(100),
  };
}

function foreign(streamId: string, type: string, at: GlobalPosition): KurrentDbRecord {
  return { streamId, id: UUID, revision: 0n, type, created: new Date(), data: {}, metadata: undefined, position: at };
}

function event(id: string, type = 'Happened', extra: Partial<EventToAppend> = {}): EventToAppend {
  return { id, type, data: { id }, ...extra };
}

describe('stream names', () => {
  it('accepts namespaces of lowercase letters, digits and dashes only', () => {
    expect(() => validateNamespace('broker-identity-2')).not.toThrow();
    for (const bad of ['', 'Broker', 'broker_identity', 'broker.identity', '$broker', 'a b']) {
      expect(() => validateNamespace(bad)).toThrow(TypeError);
    }
  });

  it('prefixes stream ids with the namespace and strips it again, refusing other namespaces', () => {
    expect(toStoredStreamName(NS, 'order-1')).toBe('broker-identity.order-1');
    expect(fromStoredStreamName(NS, 'broker-identity.order-1')).toBe('order-1');
    expect(fromStoredStreamName(NS, 'broker-identity.a.b')).toBe('a.b');
    expect(fromStoredStreamName(NS, 'broker-identity-2.order-1')).toBeUndefined();
    expect(fromStoredStreamName(NS, 'broker-identityx.order-1')).toBeUndefined();
    expect(fromStoredStreamName(NS, 'broker-identity.')).toBeUndefined();
    expect(fromStoredStreamName(NS, '$$broker-identity.order-1')).toBeUndefined();
  });

  it('names id reservations outside every namespace prefix, one stream per id', () => {
    expect(idReservationStreamName(NS, UUID)).toBe(`broker-identity~event-id~${UUID}`);
    expect(idReservationStreamName(NS, 'intruder-1')).toBe(`broker-identity~event-id~${nameBasedUuid('intruder-1')}`);
    expect(idReservationStreamName(NS, 'intruder-1')).not.toBe(idReservationStreamName(NS, 'intruder-2'));
    for (const namespace of [NS, 'broker', 'broker-identity-event-id']) {
      expect(fromStoredStreamName(namespace, idReservationStreamName(NS, UUID))).toBeUndefined();
    }
  });

  it('takes $-prefixed streams and types for system records', () => {
    expect(isSystemRecord({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(true);
    expect(isSystemRecord({ streamId: 'broker-identity.order-1', type: '$>' })).toBe(true);
    expect(isSystemRecord({ streamId: 'broker-identity.order-1', type: 'Placed' })).toBe(false);
  });
});

describe('expected revisions and positions', () => {
  it('maps each expected revision to the client stream state', () => {
    expect(toStreamState('no_stream')).toBe('no_stream');
    expect(toStreamState('stream_exists')).toBe('stream_exists');
    expect(toStreamState('any')).toBe('any');
    expect(toStreamState(7n)).toBe(7n);
  });

  it('reads a missing stream as no_stream, whichever way the server says it', () => {
    expect(toActualRevision('no_stream')).toBe('no_stream');
    expect(toActualRevision(-1n)).toBe('no_stream');
    expect(toActualRevision(0n)).toBe(0n);
    expect(toActualRevision(12n)).toBe(12n);
  });

  it('reads from the client START for START and from the exact position otherwise', () => {
    expect(toReadPosition(START)).toBe('start');
    expect(toReadPosition({ commit: -1n, prepare: -1n })).toBe('start');
    expect(toReadPosition(position(10, 8))).toEqual({ commit: 10n, prepare: 8n });
    expect(toGlobalPosition({ commit: 5n, prepare: 4n })).toEqual({ commit: 5n, prepare: 4n });
  });
});

describe('event ids', () => {
  it('keeps lowercase UUIDs as they are and stores no original id for them', () => {
    expect(isStorableUuid(UUID)).toBe(true);
    expect(toStoredEventId(UUID)).toBe(UUID);
    expect(packMetadata(event(UUID))[ORIGINAL_ID_KEY]).toBeUndefined();
  });

  it('maps other ids (uppercase UUIDs and nil included) to a deterministic version-5 UUID', () => {
    for (const id of ['intruder-1', UUID.toUpperCase(), '00000000-0000-0000-0000-000000000000', 'x']) {
      const mapped = toStoredEventId(id);
      expect(mapped).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(mapped).toBe(nameBasedUuid(id));
      expect(isStorableUuid(mapped)).toBe(true);
    }
    expect(toStoredEventId('intruder-1')).toBe(toStoredEventId('intruder-1'));
    expect(toStoredEventId('intruder-1')).not.toBe(toStoredEventId('intruder-2'));
  });

  it('restores the original id on read', () => {
    const original = event('intruder-1');
    const record = stored(original);
    expect(record.id).not.toBe('intruder-1');
    expect(toRecordedEvent(NS, record).id).toBe('intruder-1');
    expect(toRecordedEvent(NS, stored(event(UUID))).id).toBe(UUID);
  });
});

describe('metadata', () => {
  it('packs to string values only (what a multi-stream append takes) and unpacks to what was given', () => {
    const metadata = { correlationId: 'c-1', actorId: 'user-1', custom: { nested: [1, 2] }, count: 3, flag: false, none: null };
    const packed = packMetadata(event('intruder-1', 'Happened', { schemaVersion: 3, metadata }));

    expect(Object.values(packed).every((value) => typeof value === 'string')).toBe(true);
    expect(packed).toMatchObject({ correlationId: 'c-1', actorId: 'user-1', [SCHEMA_VERSION_KEY]: '3', [ORIGINAL_ID_KEY]: 'intruder-1' });
    expect(JSON.parse(packed[JSON_METADATA_KEY]!)).toEqual({ custom: { nested: [1, 2] }, count: 3, flag: false, none: null });
    expect(unpackMetadata(packed)).toEqual({ metadata, schemaVersion: 3, originalId: 'intruder-1' });
  });

  it('defaults to schema version 1 and empty metadata, and drops undefined values', () => {
    const packed = packMetadata(event(UUID, 'Plain', { metadata: { gone: undefined } }));
    expect(packed).toEqual({ [SCHEMA_VERSION_KEY]: '1' });
    expect(unpackMetadata(packed)).toEqual({ metadata: {}, schemaVersion: 1 });
  });

  it('refuses metadata keys the adapter keeps for itself', () => {
    expect(() => packMetadata(event(UUID, 'X', { metadata: { [ORIGINAL_ID_KEY]: 'y' } }))).toThrow(TypeError);
  });

  it('reads metadata written by others: missing, binary or not an object as empty, foreign keys kept', () => {
    expect(unpackMetadata(undefined)).toEqual({ metadata: {}, schemaVersion: 1 });
    expect(unpackMetadata(new Uint8Array([1, 2]))).toEqual({ metadata: {}, schemaVersion: 1 });
    expect(unpackMetadata(['a'])).toEqual({ metadata: {}, schemaVersion: 1 });
    expect(unpackMetadata({ $correlationId: 'k', [SCHEMA_VERSION_KEY]: 'x' })).toEqual({ metadata: { $correlationId: 'k' }, schemaVersion: 1 });
  });
});

describe('recorded events', () => {
  it('maps a stored record to the port event: stream id stripped, revision, position, created as recordedAt', () => {
    const original = event(UUID, 'Placed', { schemaVersion: 2, data: { total: 5 }, metadata: { correlationId: 'c' } });
    const recorded = toRecordedEvent(NS, stored(original, { stream: 'order-9', revision: 4, position: position(70, 60) }));
    expect(recorded).toEqual({
      id: UUID,
      streamId: 'order-9',
      revision: 4n,
      position: { commit: 70n, prepare: 60n },
      type: 'Placed',
      schemaVersion: 2,
      data: { total: 5 },
      metadata: { correlationId: 'c' },
      recordedAt: new Date('2025-01-02T03:04:05.000Z'),
    });
  });

  it('refuses records it could not have written', () => {
    expect(() => toRecordedEvent(NS, { ...stored(event(UUID)), streamId: 'other.order-1' })).toThrow(/outside namespace/);
    expect(() => toRecordedEvent(NS, { ...stored(event(UUID)), position: undefined })).toThrow(/no position/);
    expect(() => toRecordedEvent(NS, { ...stored(event(UUID)), data: new Uint8Array([1]) })).toThrow(/JSON object/);
  });

  it('indexes stored events by original id for replay detection, skipping other namespaces and system records', () => {
    const byId = storedEventsById(NS, [
      stored(event('a-1'), { revision: 0, position: position(10) }),
      stored(event(UUID), { revision: 1, position: position(11) }),
      stored(event('b-1'), { namespace: 'elsewhere' }),
      foreign('broker-identity.order-1', '$>', position(12)),
    ]);
    expect([...byId.entries()]).toEqual([
      ['a-1', { streamId: 'order-1', revision: 0n, position: position(10) }],
      [UUID, { streamId: 'order-1', revision: 1n, position: position(11) }],
    ]);
  });
});

describe('matchAppendedBatch', () => {
  const batch = [event('a'), event('b')];

  it('answers with the last event of the batch when the records read back hold it in order', () => {
    const records = [stored(batch[0]!, { revision: 3, position: position(50, 40) }), stored(batch[1]!, { revision: 4, position: position(50, 41) })];
    expect(matchAppendedBatch(NS, 'order-1', batch, records)).toEqual({ nextExpectedRevision: 4n, position: position(50, 41) });
    expect(matchAppendedBatch(NS, 'order-1', batch.slice(-1), records.slice(-1))).toEqual({ nextExpectedRevision: 4n, position: position(50, 41) });
  });

  it('finds no match when the records are other events, in another order, in another stream or too few', () => {
    const [a, b] = [stored(batch[0]!, { revision: 0 }), stored(batch[1]!, { revision: 1 })];
    expect(matchAppendedBatch(NS, 'order-1', batch, [b, a])).toBeUndefined();
    expect(matchAppendedBatch(NS, 'order-1', batch, [a])).toBeUndefined();
    expect(matchAppendedBatch(NS, 'order-2', batch, [a, b])).toBeUndefined();
    expect(matchAppendedBatch(NS, 'order-1', batch, [a, stored(event('c'), { revision: 1 })])).toBeUndefined();
    expect(matchAppendedBatch(NS, 'order-1', batch, [a, { ...b, revision: 5n }])).toBeUndefined();
  });
});

describe('toWrongExpectedRevision', () => {
  const expected = new Map([['order-1', 1n as const]]);

  it("maps the client's error to the port's, with the stream id stripped and the caller's expected revision", () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'broker-identity.order-1', expected: 1n, current: 3n });
    const mapped = toWrongExpectedRevision(error, NS, expected);
    expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
    expect(mapped).toMatchObject({ code: 'EVENT_STORE.WRONG_EXPECTED_REVISION', streamId: 'order-1', expected: 1n, actual: 3n });
  });

  it('reports a missing stream as no_stream, however the client spells it', () => {
    for (const current of ['no_stream', -1n] as const) {
      const error = new WrongExpectedVersionError(undefined, { streamName: 'broker-identity.order-1', expected: 'stream_exists', current });
      expect(toWrongExpectedRevision(error, NS, new Map([['order-1', 'stream_exists']]))).toMatchObject({ streamId: 'order-1', actual: 'no_stream' });
    }
  });

  it('accepts an object shaped like the client error', () => {
    const like = { type: 'wrong-expected-version', streamName: 'broker-identity.order-1', actualState: 0n };
    expect(toWrongExpectedRevision(like, NS, expected)).toMatchObject({ streamId: 'order-1', expected: 1n, actual: 0n });
  });

  it('passes any other error through unchanged', () => {
    const others: unknown[] = [
      new StreamNotFoundError(undefined, 'broker-identity.order-1'),
      new Error('boom'),
      'text',
      null,
      new WrongExpectedVersionError(undefined, { streamName: 'elsewhere.order-1', expected: 1n, current: 3n }),
      new WrongExpectedVersionError(undefined, { streamName: 'broker-identity.order-2', expected: 1n, current: 3n }),
    ];
    for (const error of others) expect(toWrongExpectedRevision(error, NS, expected)).toBe(error);
  });
});

describe('toReadAllResult', () => {
  const mine = (id: string, at: number, type = 'Happened'): KurrentDbRecord => stored(event(id, type), { position: position(at) });

  it('maps a page of this namespace in log order, lastPosition at the last record', () => {
    const result = toReadAllResult([mine('a', 10), mine('b', 11)], { namespace: NS, after: START, maxCount: 5 });
    expect(result.events.map((e) => [e.id, e.streamId])).toEqual([
      ['a', 'order-1'],
      ['b', 'order-1'],
    ]);
    expect(result.lastPosition).toEqual(position(11));
    expect(result.isFull).toBe(false);
  });

  it('drops a record at exactly `after` (the client reads from it inclusively)', () => {
    const result = toReadAllResult([mine('a', 10), mine('b', 11)], { namespace: NS, after: position(10), maxCount: 5 });
    expect(result.events.map((e) => e.id)).toEqual(['b']);
    expect(toReadAllResult([mine('a', 10)], { namespace: NS, after: position(10), maxCount: 5 })).toEqual({
      events: [],
      lastPosition: position(10),
      isFull: false,
    });
  });

  it('orders positions by commit, then prepare', () => {
    const records = [mine('a', 10), stored(event('b'), { position: position(10, 12) }), mine('c', 11)];
    expect(toReadAllResult(records, { namespace: NS, after: position(10, 10), maxCount: 5 }).events.map((e) => e.id)).toEqual(['b', 'c']);
  });

  it('skips other namespaces and system records but advances lastPosition past them', () => {
    const records = [mine('a', 10), foreign('elsewhere.order-1', 'Happened', position(11)), foreign('$stats-1', '$statsCollected', position(12))];
    const result = toReadAllResult(records, { namespace: NS, after: START, maxCount: 10 });
    expect(result.events.map((e) => e.id)).toEqual(['a']);
    expect(result.lastPosition).toEqual(position(12));

    const onlyOthers = toReadAllResult(records.slice(1), { namespace: NS, after: position(10), maxCount: 10 });
    expect(onlyOthers).toEqual({ events: [], lastPosition: position(12), isFull: false });
  });

  it('is full when maxCount raw records came after `after`, however many were kept', () => {
    const records = [foreign('other.x', 'Happened', position(11)), mine('a', 12), foreign('other.y', 'Happened', position(13))];
    const full = toReadAllResult(records, { namespace: NS, after: START, maxCount: 2 });
    expect(full).toMatchObject({ lastPosition: position(12), isFull: true });
    expect(full.events.map((e) => e.id)).toEqual(['a']);

    // The extra record read to allow for the one at `after` is not counted, nor returned.
    const withAfter = toReadAllResult([mine('a', 10), mine('b', 11), mine('c', 12)], { namespace: NS, after: position(10), maxCount: 2 });
    expect(withAfter.events.map((e) => e.id)).toEqual(['b', 'c']);
    expect(withAfter.isFull).toBe(true);
    const extra = toReadAllResult([mine('b', 11), mine('c', 12), mine('d', 13)], { namespace: NS, after: position(10), maxCount: 2 });
    expect(extra.events.map((e) => e.id)).toEqual(['b', 'c']);
    expect(extra.lastPosition).toEqual(position(12));
  });

  it('filters by event type, still advancing past the skipped ones', () => {
    const records = [mine('a', 10, 'Wanted'), mine('b', 11, 'Other'), mine('c', 12, 'Wanted'), mine('d', 13, 'Other')];
    const result = toReadAllResult(records, { namespace: NS, after: START, maxCount: 10, eventTypes: ['Wanted'] });
    expect(result.events.map((e) => e.id)).toEqual(['a', 'c']);
    expect(result.lastPosition).toEqual(position(13));
    expect(toReadAllResult(records, { namespace: NS, after: START, maxCount: 10, eventTypes: [] }).events).toEqual([]);
  });

  it('reads an empty page as nothing, with lastPosition unchanged', () => {
    expect(toReadAllResult([], { namespace: NS, after: START, maxCount: 1000 })).toEqual({ events: [], lastPosition: START, isFull: false });
  });
});

describe('connection strings', () => {
  it('rewrites esdb:// to kurrentdb:// and keeps the rest', () => {
    expect(toClientConnectionString('esdb://admin:changeit@localhost:2113?tls=false')).toBe('kurrentdb://admin:changeit@localhost:2113?tls=false');
    expect(toClientConnectionString('esdb+discover://cluster.local:2113')).toBe('kurrentdb+discover://cluster.local:2113');
    expect(toClientConnectionString('kurrentdb://localhost:2113?tls=false')).toBe('kurrentdb://localhost:2113?tls=false');
    expect(() => toClientConnectionString('postgres://localhost')).toThrow(TypeError);
  });
});

describe('isTransientKurrentDbError', () => {
  it('takes an unreachable server or a deadline for transient, conflicts and bugs not', () => {
    expect(isTransientKurrentDbError(new UnavailableError())).toBe(true);
    expect(isTransientKurrentDbError({ code: 14 })).toBe(true);
    expect(isTransientKurrentDbError(new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 1n }))).toBe(false);
    expect(isTransientKurrentDbError(new Error('boom'))).toBe(false);
    expect(isTransientKurrentDbError(undefined)).toBe(false);
  });
});
