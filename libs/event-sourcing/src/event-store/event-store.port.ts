/**
 * The event-store port. Its meaning follows EventStoreDB so every adapter (PostgreSQL, KurrentDB) behaves alike.
 */

/** What the writer expects the stream's current revision to be. Revisions start at 0 for the first event. */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

/**
 * A position in the global, commit-ordered log of one store. Compare with `comparePositions`.
 * `commit` orders transactions, `prepare` orders events inside them (EventStoreDB uses the same pair).
 */
export interface GlobalPosition {
  commit: bigint;
  prepare: bigint;
}

export const START: GlobalPosition = Object.freeze({ commit: -1n, prepare: -1n });

export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  /** The user (or system actor) that caused the event. */
  actorId?: string;
  resellerId?: string;
  organizationId?: string;
  [key: string]: unknown;
}

export interface EventToAppend {
  /** Idempotency key: re-appending the same ids to the same stream stores nothing twice. */
  id: string;
  type: string;
  /** Schema version of `data`; older versions are upcast on read. */
  schemaVersion?: number;
  data: Record<string, unknown>;
  metadata?: EventMetadata;
}

export interface RecordedEvent {
  id: string;
  streamId: string;
  revision: bigint;
  position: GlobalPosition;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recordedAt: Date;
}

export interface AppendResult {
  /** The stream's revision after the append (the revision of its last event). */
  nextExpectedRevision: bigint;
  position: GlobalPosition;
}

/** One stream's part of an atomic append to several streams. */
export interface StreamAppend {
  streamId: string;
  events: readonly EventToAppend[];
  expected: ExpectedRevision;
}

export interface ReadStreamOptions {
  fromRevision?: bigint;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Defaults to START. */
  after?: GlobalPosition;
  maxCount?: number;
  /** Only these event types (the read still advances past others). */
  eventTypes?: readonly string[];
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /**
   * How far the read safely got: a checkpoint may be saved here even when `events` is empty or filtered,
   * and no event at or before it can appear later.
   */
  lastPosition: GlobalPosition;
  /** True when the read stopped because of maxCount (more may be ready at once). */
  isFull: boolean;
}

export interface EventStore {
  appendToStream(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;
  /**
   * Appends to several streams at once: every stream's expected revision holds and all events are stored, or
   * nothing is (KurrentDB 25.1 multi-stream append semantics). Each stream appears at most once and gets at least
   * one event. A retry after a lost reply (every event id already stored, as appended) answers as the first call.
   * Results follow the order of `appends`.
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** Events of one stream in revision order; an empty array for a stream that does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The global log after a position, in an order no later commit can ever insert into. */
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  /**
   * Resolves when new events may be readable (or after `timeoutMs`). Lets readers wait without busy polling.
   */
  waitForEvents(timeoutMs: number, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export function comparePositions(a: GlobalPosition, b: GlobalPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Positions travel as `commit:prepare` strings in checkpoints, JSON and message headers. */
export function formatPosition(p: GlobalPosition): string {
  return `${p.commit}:${p.prepare}`;
}

export function parsePosition(text: string): GlobalPosition {
  const match = /^(-?\d+):(-?\d+)$/.exec(text);
  if (!match) throw new Error(`Not a global position: ${text}`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}
