import { randomUUID } from 'node:crypto';
import {
  EventWaiters,
  expectedRevisionMatches,
  findIdempotentReplay,
  START,
  validateAppend,
  validateMultiAppend,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
} from '@broker/event-sourcing';
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  StreamNotFoundError,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendStreamRequest,
  type AllStreamSubscription,
  type ReadStreamOptions as ClientReadStreamOptions,
} from '@kurrent/kurrentdb-client';
import {
  fromStoredStreamName,
  idReservationStreamName,
  isSystemRecord,
  isWrongExpectedVersion,
  matchAppendedBatch,
  storedEventsById,
  streamPrefix,
  toClientConnectionString,
  toEventData,
  toGlobalPosition,
  toReadAllResult,
  toReadPosition,
  toRecordedEvent,
  toStoredStreamName,
  toStreamState,
  toWrongExpectedRevision,
  validateNamespace,
  type KurrentDbRecord,
  type StoredEvent,
} from './kurrentdb-mapping';

export const DEFAULT_READ_ALL_MAX_COUNT = 1000;

export interface KurrentDbEventStoreOptions {
  /** This service's part of the shared cluster, e.g. `broker-identity`: every stream is stored as `<namespace>.<id>`. */
  namespace: string;
}

interface StreamState {
  records: KurrentDbRecord[];
  current: bigint | 'no_stream';
}

/**
 * The event-store port on KurrentDB (25.1 or later: every append is a multi-stream append). One cluster serves every
 * service, so each store sees only its namespace. Each event also reserves its id in a stream of its own, in the
 * same commit, since KurrentDB's own id check is per stream and skipped when the expected revision is the current
 * one. That doubles the records written (the reservations are tiny and outside the namespace's log).
 */
export class KurrentDbEventStore implements EventStore {
  private readonly waiters = new EventWaiters();
  private subscription: AllStreamSubscription | undefined;
  private closed = false;

  private constructor(
    private readonly client: KurrentDBClient,
    private readonly namespace: string,
  ) {}

  static fromConnectionString(url: string, options: KurrentDbEventStoreOptions): KurrentDbEventStore {
    validateNamespace(options.namespace);
    return new KurrentDbEventStore(KurrentDBClient.connectionString(toClientConnectionString(url)), options.namespace);
  }

  /** Verifies the server answers (nothing to create: streams come into being on their first append). */
  async init(): Promise<void> {
    await this.check();
  }

  /** Health: one backwards read of the last record of $all; throws when the server does not answer. */
  async check(): Promise<void> {
    for await (const _ of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) break;
  }

  async appendToStream(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamId, events, expected);
    if (events.length === 0) return this.checkWithoutAppending(streamId, expected);
    const [result] = await this.appendAtomically([{ streamId, events, expected }]);
    return result!;
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    validateMultiAppend(appends);
    return this.appendAtomically(appends);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (options.maxCount !== undefined && options.maxCount < 1) return [];
    const fromRevision = options.fromRevision !== undefined && options.fromRevision > 0n ? options.fromRevision : 0n;
    const records = await this.readRecords(streamId, { fromRevision, ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}) });
    return records.filter((record) => !isSystemRecord(record)).map((record) => toRecordedEvent(this.namespace, record));
  }

  /**
   * The namespace's part of $all, filtered by stream-name prefix on the server (the client's readAll takes a
   * filter), and checked again here. One more record than asked is read: KurrentDB reads from `after` inclusively.
   * Everything KurrentDB commits is readable at once and never lands before a read position, so no gap can open.
   */
  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const after = options.after ?? START;
    const maxCount = options.maxCount ?? DEFAULT_READ_ALL_MAX_COUNT;
    if (!Number.isInteger(maxCount) || maxCount < 1) throw new RangeError(`readAll: maxCount must be a positive integer, got ${maxCount}`);
    const records: KurrentDbRecord[] = [];
    const read = this.client.readAll({
      direction: FORWARDS,
      fromPosition: toReadPosition(after),
      maxCount: maxCount + 1,
      filter: streamNameFilter({ prefixes: [streamPrefix(this.namespace)] }),
    });
    for await (const resolved of read) if (resolved.event) records.push(resolved.event);
    return toReadAllResult(records, { namespace: this.namespace, after, maxCount, ...(options.eventTypes ? { eventTypes: options.eventTypes } : {}) });
  }

  /** Resolves on the next event of this namespace, on timeout or abort (also when the subscription starts or drops). */
  waitForEvents(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.closed || signal?.aborted) return Promise.resolve();
    const waiting = this.waiters.wait(timeoutMs, signal);
    this.ensureSubscribed();
    return waiting;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeAll();
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.unsubscribe().catch(() => undefined);
    await this.client.dispose();
  }

  /**
   * Every append is one multiStreamAppend: KurrentDB checks each expected revision and stores every part, with one
   * id reservation per event, in one commit or nothing. A refused append is either a retry after a lost reply
   * (answered as the first call was) or a conflict.
   */
  private async appendAtomically(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    const requests = appends.flatMap((append) => {
      const streamName = toStoredStreamName(this.namespace, append.streamId);
      return [
        { streamName, events: append.events.map(toEventData), expectedState: toStreamState(append.expected) },
        ...append.events.map((event) => this.idReservation(streamName, event)),
      ];
    });
    let revisions: Map<string, bigint>;
    try {
      const reply = await this.client.multiStreamAppend(requests);
      revisions = new Map(reply.responses.map((response) => [response.streamName, response.revision]));
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
      // A conflict on a stream of the append names it; one on an id reservation names none.
      const conflict = toWrongExpectedRevision(error, this.namespace, new Map(appends.map((append) => [append.streamId, append.expected])));
      return this.resolveConflict(appends, conflict instanceof WrongExpectedRevisionError ? conflict.streamId : undefined);
    }
    const results = await Promise.all(
      appends.map((append) => {
        const revision = revisions.get(toStoredStreamName(this.namespace, append.streamId));
        return revision === undefined ? undefined : this.readBack(append.streamId, append.events, revision);
      }),
    );
    if (results.every((result): result is AppendResult => result !== undefined)) return results;
    return this.resolveConflict(appends, undefined);
  }

  private idReservation(streamName: string, event: EventToAppend): AppendStreamRequest {
    return {
      streamName: idReservationStreamName(this.namespace, event.id),
      // A fresh id each time, so KurrentDB never takes a second reservation for a retry of the first.
      events: [{ id: randomUUID(), contentType: 'application/json', type: 'EventIdReserved', data: { stream: streamName }, metadata: undefined }],
      expectedState: 'no_stream',
    };
  }

  private async checkWithoutAppending(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await this.readRecords(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1, requiresLeader: true });
    const actual = last ? last.revision : 'no_stream';
    if (!expectedRevisionMatches(expected, actual)) throw new WrongExpectedRevisionError(streamId, expected, actual);
    return { nextExpectedRevision: last ? last.revision : -1n, position: last?.position ? toGlobalPosition(last.position) : START };
  }

  /**
   * The result of a stored batch, from its last event: the reply gives a commit position only, while the port answers
   * with the event's own position (a retry answers with the stored one, so both must agree).
   */
  private async readBack(streamId: string, events: readonly EventToAppend[], lastRevision: bigint): Promise<AppendResult | undefined> {
    if (lastRevision < 0n) return undefined;
    const records = await this.readRecords(streamId, { fromRevision: lastRevision, maxCount: 1, requiresLeader: true });
    return matchAppendedBatch(this.namespace, streamId, events.slice(-1), records);
  }

  /**
   * When every id of every part is already stored in its stream, in order, the append is a retry after a lost
   * reply: answer as the first call did. Anything else is a conflict on one stream.
   */
  private async resolveConflict(appends: readonly StreamAppend[], reported: string | undefined): Promise<AppendResult[]> {
    const states = new Map(await Promise.all(appends.map(async (append) => [append.streamId, await this.streamState(append.streamId)] as const)));
    const byId = new Map<string, StoredEvent>();
    for (const state of states.values()) for (const [id, stored] of storedEventsById(this.namespace, state.records)) byId.set(id, stored);
    const replays = appends.map((append) => findIdempotentReplay(append.streamId, append.events.map((event) => event.id), byId));
    if (replays.every((replayed): replayed is StoredEvent => replayed !== undefined)) {
      return replays.map((replayed) => ({ nextExpectedRevision: replayed.revision, position: replayed.position }));
    }
    const culprit =
      appends.find((append) => append.streamId === reported) ??
      appends.find((append) => !expectedRevisionMatches(append.expected, states.get(append.streamId)!.current)) ??
      appends[replays.findIndex((replayed) => replayed === undefined)]!;
    throw new WrongExpectedRevisionError(culprit.streamId, culprit.expected, states.get(culprit.streamId)!.current);
  }

  /** The whole stream, from the leader. Only conflicts read it, and the streams of event-sourced entities stay short. */
  private async streamState(streamId: string): Promise<StreamState> {
    const records = await this.readRecords(streamId, { requiresLeader: true });
    const last = records[records.length - 1];
    return { records, current: last ? last.revision : 'no_stream' };
  }

  private async readRecords(streamId: string, options: ClientReadStreamOptions): Promise<KurrentDbRecord[]> {
    const records: KurrentDbRecord[] = [];
    try {
      for await (const resolved of this.client.readStream(toStoredStreamName(this.namespace, streamId), options)) {
        if (resolved.event) records.push(resolved.event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return records;
  }

  /**
   * One catch-up subscription to $all from its end, filtered on the server by this namespace's prefix and shared by
   * every waiter. Opened on the first wait; after it drops, the next wait opens it again.
   */
  private ensureSubscribed(): void {
    if (this.subscription || this.closed) return;
    const subscription = this.client.subscribeToAll({
      fromPosition: END,
      filter: streamNameFilter({ prefixes: [streamPrefix(this.namespace)] }),
    });
    let confirmed = false;
    const dropped = (): void => {
      if (this.subscription !== subscription) return;
      this.subscription = undefined;
      // A drop after it was live: waiters read once more (readers resume from their checkpoints). A failure to
      // open wakes nobody, so an unreachable server leaves waiters on their timeouts instead of spinning.
      if (confirmed) this.wakeAll();
    };
    subscription.on('confirmation', () => {
      confirmed = true;
      // Events committed while the subscription was opening were not heard: let waiters read once more.
      this.wakeAll();
    });
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      if (resolved.event && fromStoredStreamName(this.namespace, resolved.event.streamId) !== undefined) this.wakeAll();
    });
    subscription.on('error', dropped);
    subscription.on('end', dropped);
    subscription.on('close', dropped);
    this.subscription = subscription;
  }

  private wakeAll(): void {
    this.waiters.wakeAll();
  }
}
