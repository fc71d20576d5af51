import { createHash } from 'node:crypto';
import {
  comparePositions,
  START,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventMetadata,
  type EventToAppend,
  type ExpectedRevision,
  type GlobalPosition,
  type ReadAllResult,
  type RecordedEvent,
  type StoredEventRef,
} from '@broker/event-sourcing';
import type { AppendStreamState, CurrentStreamState, JSONEventData, Position, ReadPosition } from '@kurrent/kurrentdb-client';

/**
 * Pure translations between the event-store port and KurrentDB. Every stored stream name carries the service's
 * namespace (`<namespace>.<streamId>`), since one KurrentDB cluster is shared while the port's global log is per
 * service.
 */

/** The fields of a KurrentDB record this adapter reads; the client's recorded events have them all. */
export interface KurrentDbRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

export interface StoredEvent extends StoredEventRef {
  position: GlobalPosition;
}

/** Metadata keys the adapter writes for itself; removed again on read. */
export const ORIGINAL_ID_KEY = '$brokerId';
export const SCHEMA_VERSION_KEY = '$brokerSchemaVersion';
/** Metadata values that are not strings, as one JSON text (a multi-stream append takes string values only). */
export const JSON_METADATA_KEY = '$brokerJson';
const INTERNAL_KEYS = new Set([ORIGINAL_ID_KEY, SCHEMA_VERSION_KEY, JSON_METADATA_KEY]);

const NAMESPACE_PATTERN = /^[a-z0-9-]+$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
/** Fixed namespace of the name-based UUIDs that stand in for ids that are not UUIDs. Never change it. */
const EVENT_ID_NAMESPACE = Buffer.from('6f1d2c3a8b9e4f70a1c25d3e4b5a6978', 'hex');

export function validateNamespace(namespace: string): void {
  if (!NAMESPACE_PATTERN.test(namespace)) {
    throw new TypeError(`KurrentDB event store: namespace must match ${NAMESPACE_PATTERN.source}, got '${namespace}'`);
  }
}

export function streamPrefix(namespace: string): string {
  return `${namespace}.`;
}

export function toStoredStreamName(namespace: string, streamId: string): string {
  return `${streamPrefix(namespace)}${streamId}`;
}

/** The port's stream id of a stored stream name, or undefined when the stream belongs to another namespace. */
/**
 * The stream that reserves one event id in a namespace: appended to with 'no_stream' in the same atomic append as
 * the event, so an id is stored once per namespace (KurrentDB checks ids per stream only, and not at all when the
 * expected revision is the current one). `~` cannot occur in a namespace, so no namespace prefix matches it.
 */
export function idReservationStreamName(namespace: string, eventId: string): string {
  return `${namespace}~event-id~${toStoredEventId(eventId)}`;
}

export function fromStoredStreamName(namespace: string, storedName: string): string | undefined {
  const prefix = streamPrefix(namespace);
  return storedName.startsWith(prefix) && storedName.length > prefix.length ? storedName.slice(prefix.length) : undefined;
}

/** System records (`$`-prefixed stream or type: metadata, links, statistics) are never the port's events. */
export function isSystemRecord(record: Pick<KurrentDbRecord, 'streamId' | 'type'>): boolean {
  return record.streamId.startsWith('$') || record.type.startsWith('$');
}

export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'no_stream':
      return 'no_stream';
    case 'stream_exists':
      return 'stream_exists';
    case 'any':
      return 'any';
    default:
      return expected;
  }
}

/** KurrentDB reports a missing stream as 'no_stream' or, in some replies, as a negative revision. */
export function toActualRevision(state: CurrentStreamState): bigint | 'no_stream' {
  return state === 'no_stream' || state < 0n ? 'no_stream' : state;
}

/** Where a forwards read of $all starts; positions at or before START mean the client's START. */
export function toReadPosition(position: GlobalPosition): ReadPosition {
  if (comparePositions(position, START) <= 0) return 'start';
  return { commit: position.commit, prepare: position.prepare };
}

export function toGlobalPosition(position: Position): GlobalPosition {
  return { commit: position.commit, prepare: position.prepare };
}

/** Lowercase canonical UUIDs are stored as they are (KurrentDB gives ids back in that form); nil is refused by it. */
export function isStorableUuid(id: string): boolean {
  return UUID_PATTERN.test(id) && id !== NIL_UUID;
}

/** A deterministic UUID (version 5 layout, SHA-1 of a fixed namespace and the id), so a retry maps to the same. */
export function nameBasedUuid(id: string): string {
  const bytes = createHash('sha1').update(EVENT_ID_NAMESPACE).update(id, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id KurrentDB stores for one of ours. */
export function toStoredEventId(id: string): string {
  return isStorableUuid(id) ? id : nameBasedUuid(id);
}

/**
 * Metadata as KurrentDB keeps it: string values stay top-level (readable in its UI), other values travel together
 * as one JSON text, plus the schema version and, for an id that is not a UUID, the original id.
 */
export function packMetadata(event: EventToAppend): Record<string, string> {
  const packed: Record<string, string> = {};
  const nonStrings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event.metadata ?? {})) {
    if (INTERNAL_KEYS.has(key)) throw new TypeError(`appendToStream: metadata key ${key} is reserved by the KurrentDB adapter`);
    if (value === undefined) continue;
    if (typeof value === 'string') packed[key] = value;
    else nonStrings[key] = value;
  }
  if (Object.keys(nonStrings).length > 0) packed[JSON_METADATA_KEY] = JSON.stringify(nonStrings);
  packed[SCHEMA_VERSION_KEY] = String(event.schemaVersion ?? 1);
  if (!isStorableUuid(event.id)) packed[ORIGINAL_ID_KEY] = event.id;
  return packed;
}

export interface UnpackedMetadata {
  metadata: EventMetadata;
  schemaVersion: number;
  /** Present when the stored id stands in for an id that is not a UUID. */
  originalId?: string;
}

/** Reverses packMetadata; metadata KurrentDB gives back as bytes or not as an object reads as empty. */
export function unpackMetadata(stored: unknown): UnpackedMetadata {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored) || stored instanceof Uint8Array) {
    return { metadata: {}, schemaVersion: 1 };
  }
  const fields = stored as Record<string, unknown>;
  const metadata: EventMetadata = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!INTERNAL_KEYS.has(key)) metadata[key] = value;
  }
  const json = fields[JSON_METADATA_KEY];
  if (typeof json === 'string') Object.assign(metadata, JSON.parse(json) as Record<string, unknown>);
  const version = Number(fields[SCHEMA_VERSION_KEY] ?? 1);
  const originalId = fields[ORIGINAL_ID_KEY];
  return {
    metadata,
    schemaVersion: Number.isInteger(version) && version > 0 ? version : 1,
    ...(typeof originalId === 'string' ? { originalId } : {}),
  };
}

export function toEventData(event: EventToAppend): JSONEventData {
  return {
    id: toStoredEventId(event.id),
    contentType: 'application/json',
    type: event.type,
    data: event.data,
    metadata: packMetadata(event),
  };
}

/** A stored record of this namespace as the port's event; throws on records the adapter could not have written. */
export function toRecordedEvent(namespace: string, record: KurrentDbRecord): RecordedEvent {
  const streamId = fromStoredStreamName(namespace, record.streamId);
  if (streamId === undefined) throw new Error(`KurrentDB record ${record.id} of stream ${record.streamId} is outside namespace ${namespace}`);
  if (!record.position) throw new Error(`KurrentDB record ${record.id} has no position (the server must be 22.6 or later)`);
  if (record.data === null || typeof record.data !== 'object' || Array.isArray(record.data) || record.data instanceof Uint8Array) {
    throw new Error(`KurrentDB record ${record.id} of stream ${record.streamId} has no JSON object as data`);
  }
  const { metadata, schemaVersion, originalId } = unpackMetadata(record.metadata);
  return {
    id: originalId ?? record.id,
    streamId,
    revision: record.revision,
    position: toGlobalPosition(record.position),
    type: record.type,
    schemaVersion,
    data: record.data as Record<string, unknown>,
    metadata,
    recordedAt: record.created,
  };
}

/** The stored events of a read, by their original id, for findIdempotentReplay. */
export function storedEventsById(namespace: string, records: readonly KurrentDbRecord[]): Map<string, StoredEvent> {
  const byId = new Map<string, StoredEvent>();
  for (const record of records) {
    if (isSystemRecord(record) || fromStoredStreamName(namespace, record.streamId) === undefined) continue;
    const event = toRecordedEvent(namespace, record);
    byId.set(event.id, { streamId: event.streamId, revision: event.revision, position: event.position });
  }
  return byId;
}

/**
 * Whether records read back from a stream are exactly these events (a batch, or its tail), in order and at
 * consecutive revisions. Returns the append result of the last, or undefined.
 */
export function matchAppendedBatch(
  namespace: string,
  streamId: string,
  events: readonly EventToAppend[],
  records: readonly KurrentDbRecord[],
): AppendResult | undefined {
  if (records.length !== events.length || records.length === 0) return undefined;
  let previous: RecordedEvent | undefined;
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    if (fromStoredStreamName(namespace, record.streamId) !== streamId) return undefined;
    const event = toRecordedEvent(namespace, record);
    if (event.id !== events[i]!.id) return undefined;
    if (previous && event.revision !== previous.revision + 1n) return undefined;
    previous = event;
  }
  return { nextExpectedRevision: previous!.revision, position: previous!.position };
}

/** The fields of the client's WrongExpectedVersionError this adapter reads. */
export interface WrongExpectedVersionLike {
  type: 'wrong-expected-version';
  streamName: string;
  actualState: CurrentStreamState;
}

export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionLike {
  if (error === null || typeof error !== 'object') return false;
  const candidate = error as Partial<Record<keyof WrongExpectedVersionLike, unknown>>;
  return (
    candidate.type === 'wrong-expected-version' &&
    typeof candidate.streamName === 'string' &&
    (candidate.actualState === 'no_stream' || typeof candidate.actualState === 'bigint')
  );
}

/**
 * The client's WrongExpectedVersionError for a stream of this append as the port's WrongExpectedRevisionError
 * (un-namespaced stream id, the caller's expected revision); any other error is returned unchanged.
 */
export function toWrongExpectedRevision(
  error: unknown,
  namespace: string,
  expectedByStream: ReadonlyMap<string, ExpectedRevision>,
): unknown {
  if (!isWrongExpectedVersion(error)) return error;
  const streamId = fromStoredStreamName(namespace, error.streamName);
  const expected = streamId === undefined ? undefined : expectedByStream.get(streamId);
  if (streamId === undefined || expected === undefined) return error;
  return new WrongExpectedRevisionError(streamId, expected, toActualRevision(error.actualState));
}

export interface ReadAllPageOptions {
  namespace: string;
  /** Exclusive: a record at exactly this position (KurrentDB reads from it inclusively) is dropped. */
  after: GlobalPosition;
  maxCount: number;
  eventTypes?: readonly string[];
}

/**
 * One raw forwards page of $all (in log order) as the port's result. At most `maxCount` raw records after `after`
 * count; `isFull` follows that raw count, so skipped records can never make a reader loop in place. Records of
 * other namespaces, system records and unwanted types are skipped, and `lastPosition` still advances past them.
 */
export function toReadAllResult(records: readonly KurrentDbRecord[], options: ReadAllPageOptions): ReadAllResult {
  const { namespace, after, maxCount } = options;
  const wanted = options.eventTypes ? new Set(options.eventTypes) : undefined;
  const page = records.filter((record) => record.position && comparePositions(toGlobalPosition(record.position), after) > 0).slice(0, maxCount);
  const events: RecordedEvent[] = [];
  for (const record of page) {
    if (isSystemRecord(record) || fromStoredStreamName(namespace, record.streamId) === undefined) continue;
    if (wanted && !wanted.has(record.type)) continue;
    events.push(toRecordedEvent(namespace, record));
  }
  const last = page[page.length - 1];
  return {
    events,
    lastPosition: last?.position ? toGlobalPosition(last.position) : after,
    isFull: page.length === maxCount,
  };
}

/** `esdb://` is the older scheme; the client still takes it but warns, so it is rewritten. */
export function toClientConnectionString(url: string): string {
  const match = /^(esdb|kurrentdb|kurrent|kdb)(\+discover)?:\/\//i.exec(url);
  if (!match) throw new TypeError('KurrentDB event store: the connection string must start with kurrentdb:// or esdb://');
  return match[1]!.toLowerCase() === 'esdb' ? `kurrentdb${match[2] ?? ''}://${url.slice(match[0].length)}` : url;
}
