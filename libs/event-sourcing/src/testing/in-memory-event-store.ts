import { expectedRevisionMatches, findIdempotentReplay, validateAppend, validateMultiAppend } from '../event-store/append-rules';
import { WrongExpectedRevisionError } from '../event-store/event-store.errors';
import { EventWaiters } from '../event-store/event-waiters';
import {
  comparePositions,
  START,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
} from '../event-store/event-store.port';

const DEFAULT_READ_ALL_MAX_COUNT = 1000;

/**
 * The event-store port in memory, for unit tests. Same semantics as the real adapters (it passes the contract
 * suite): each append is one "transaction" (`commit`), events inside it are ordered by `prepare`.
 */
export class InMemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly waiters = new EventWaiters();
  private lastCommit = 0n;
  private lastPrepare = 0n;

  /** Every stored event in global order (copies), for assertions. */
  get allEvents(): RecordedEvent[] {
    return this.log.map(copy);
  }

  async appendToStream(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamId, events, expected);
    if (events.length === 0) {
      this.check(streamId, expected);
      const stream = this.streams.get(streamId) ?? [];
      const last = stream[stream.length - 1];
      return { nextExpectedRevision: last?.revision ?? -1n, position: last?.position ?? START };
    }
    return (await this.appendAll([{ streamId, events, expected }]))[0]!;
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    validateMultiAppend(appends);
    return this.appendAll(appends);
  }

  /** Checks every part first, then stores all of them as one commit: all or nothing. */
  private appendAll(appends: readonly StreamAppend[]): AppendResult[] {
    if (appends.some(({ events }) => events.some((event) => this.byId.has(event.id)))) {
      const replays = appends.map(({ streamId, events }) => findIdempotentReplay(streamId, events.map((event) => event.id), this.byId));
      if (replays.every((replayed) => replayed !== undefined)) {
        return replays.map((replayed) => ({ nextExpectedRevision: replayed!.revision, position: replayed!.position }));
      }
      const conflicting = appends[replays.findIndex((replayed) => replayed === undefined)]!;
      throw new WrongExpectedRevisionError(conflicting.streamId, conflicting.expected, this.revisionOf(conflicting.streamId));
    }
    for (const { streamId, expected } of appends) this.check(streamId, expected);

    const commit = ++this.lastCommit;
    const recordedAt = new Date();
    const results = appends.map(({ streamId, events }) => {
      const stream = this.streams.get(streamId) ?? [];
      const recorded = events.map(
        (event, index): RecordedEvent => ({
          id: event.id,
          streamId,
          revision: BigInt(stream.length + index),
          position: { commit, prepare: ++this.lastPrepare },
          type: event.type,
          schemaVersion: event.schemaVersion ?? 1,
          data: structuredClone(event.data),
          metadata: structuredClone(event.metadata ?? {}),
          recordedAt,
        }),
      );
      for (const event of recorded) {
        stream.push(event);
        this.log.push(event);
        this.byId.set(event.id, event);
      }
      this.streams.set(streamId, stream);
      const last = recorded[recorded.length - 1]!;
      return { nextExpectedRevision: last.revision, position: last.position };
    });
    this.wakeAll();
    return results;
  }

  private revisionOf(streamId: string): bigint | 'no_stream' {
    const stream = this.streams.get(streamId) ?? [];
    return stream.length > 0 ? stream[stream.length - 1]!.revision : 'no_stream';
  }

  private check(streamId: string, expected: ExpectedRevision): void {
    const actual = this.revisionOf(streamId);
    if (!expectedRevisionMatches(expected, actual)) throw new WrongExpectedRevisionError(streamId, expected, actual);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromRevision ?? 0n;
    const events = (this.streams.get(streamId) ?? []).filter((event) => event.revision >= from);
    return events.slice(0, options.maxCount ?? events.length).map(copy);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const after = options.after ?? START;
    const maxCount = options.maxCount ?? DEFAULT_READ_ALL_MAX_COUNT;
    const types = options.eventTypes ? new Set(options.eventTypes) : undefined;
    const events: RecordedEvent[] = [];
    let lastPosition = after;
    for (const event of this.log) {
      if (comparePositions(event.position, after) <= 0) continue;
      if (types && !types.has(event.type)) {
        lastPosition = event.position;
        continue;
      }
      events.push(copy(event));
      lastPosition = event.position;
      if (events.length === maxCount) return { events, lastPosition, isFull: true };
    }
    return { events, lastPosition, isFull: false };
  }

  waitForEvents(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return this.waiters.wait(timeoutMs, signal);
  }

  async close(): Promise<void> {
    this.wakeAll();
  }

  private wakeAll(): void {
    this.waiters.wakeAll();
  }
}

function copy(event: RecordedEvent): RecordedEvent {
  return { ...event, data: structuredClone(event.data), metadata: structuredClone(event.metadata), recordedAt: new Date(event.recordedAt) };
}
