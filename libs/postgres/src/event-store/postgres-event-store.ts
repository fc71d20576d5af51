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
  type GlobalPosition,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoredEventRef,
  type StreamAppend,
} from '@broker/event-sourcing';
import type { Client } from 'pg';
import { quoteIdentifier } from '../connection/identifiers';
import type { PostgresConnection } from '../connection/postgres-connection';
import { advisoryLockKey } from '../locks/advisory-lock-key';
import { appendEvents, isUniqueViolation } from './append-events.sql';
import { EVENT_COLUMNS, positionParams, toPosition, toRecordedEvent, type EventRow } from './event-row';
import { createEventStoreTablesSql, eventStoreNames, type EventStoreNames } from './event-store.schema';

export const DEFAULT_READ_ALL_MAX_COUNT = 1000;

/** Errors a racing `CREATE ... IF NOT EXISTS` can still raise in PostgreSQL; init retries once on them. */
const CREATE_RACE_CODES = new Set(['23505', '42P06', '42P07', '42710']);

/**
 * The event-store port on PostgreSQL. Optimistic concurrency through one row per stream, idempotent appends by
 * event id, and a gap-safe global order (see event-store.schema.ts and readAll). Shares the connection's pool;
 * `close()` only ends what the store opened itself (its LISTEN client), not the pool.
 */
export class PostgresEventStore implements EventStore {
  private readonly names: EventStoreNames;
  private readonly waiters = new EventWaiters();
  private listener: Promise<Client | null> | undefined;
  private listenerClient: Client | null = null;
  private closed = false;

  constructor(private readonly connection: PostgresConnection) {
    this.names = eventStoreNames(connection.schema);
  }

  /** Creates the schema and tables; idempotent, and serialised by an advisory lock when processes start together. */
  async init(): Promise<void> {
    const create = (): Promise<void> =>
      this.connection.transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [advisoryLockKey(this.connection.schema, 'event-store.init').toString()]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.connection.qschema}`);
        for (const sql of createEventStoreTablesSql(this.names)) await client.query(sql);
      });
    try {
      await create();
    } catch (error) {
      // Another adapter creating the same schema at the same moment (without our lock) can still collide once.
      if (!CREATE_RACE_CODES.has(String((error as { code?: unknown }).code))) throw error;
      await create();
    }
  }

  async appendToStream(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamId, events, expected);
    if (events.length === 0) return this.checkWithoutAppending(streamId, expected);
    try {
      const appended = await appendEvents(this.connection.pool, this.names, streamId, events, expected);
      if (appended) return appended;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return this.resolveConflict(streamId, events, expected);
  }

  /**
   * All parts in one transaction. Streams are reserved in the order of their ids, so two multi-stream appends that
   * share streams never wait on each other in a cycle.
   */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    validateMultiAppend(appends);
    const ordered = appends.map((append, index) => ({ append, index })).sort((a, b) => (a.append.streamId < b.append.streamId ? -1 : 1));
    let conflict: StreamAppend | undefined;
    try {
      const results = await this.connection.transaction(async (client) => {
        const out: AppendResult[] = new Array(appends.length);
        for (const { append, index } of ordered) {
          const appended = await appendEvents(client, this.names, append.streamId, append.events, append.expected);
          if (!appended) {
            conflict = append;
            throw new WrongExpectedRevisionError(append.streamId, append.expected, 'no_stream');
          }
          out[index] = appended;
        }
        return out;
      });
      return results;
    } catch (error) {
      if (!isUniqueViolation(error) && !(error instanceof WrongExpectedRevisionError && conflict)) throw error;
    }
    return this.resolveMultiConflict(appends, conflict);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const result = await this.connection.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.names.events} e
       WHERE e.stream_id = $1 AND e.revision >= $2::bigint
       ORDER BY e.revision
       LIMIT $3`,
      [streamId, (options.fromRevision ?? 0n).toString(), options.maxCount ?? null],
    );
    return result.rows.map(toRecordedEvent);
  }

  /**
   * Only rows whose transaction id is below the snapshot's xmin (the oldest transaction still in flight) are
   * read: every later insert gets a transaction id at or above it, so nothing can ever appear at or before
   * `lastPosition`. A long-open transaction anywhere in the cluster therefore delays readers (never skips).
   */
  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const after = options.after ?? START;
    const maxCount = options.maxCount ?? DEFAULT_READ_ALL_MAX_COUNT;
    if (!Number.isInteger(maxCount) || maxCount < 1) throw new RangeError(`readAll: maxCount must be a positive integer, got ${maxCount}`);
    const types = options.eventTypes ? [...options.eventTypes] : null;
    const [afterTransaction, afterSeq] = positionParams(after);

    const result = await this.connection.pool.query<Partial<EventRow> & { horizon: string }>(
      `WITH horizon AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
       page AS (
         SELECT ${EVENT_COLUMNS}, e.transaction_id AS tx, e.seq AS sq
         FROM ${this.names.events} e, horizon h
         WHERE (e.transaction_id, e.seq) > ($1::text::xid8, $2::bigint)
           AND e.transaction_id < h.xmin
           AND ($3::text[] IS NULL OR e.type = ANY($3::text[]))
         ORDER BY e.transaction_id, e.seq
         LIMIT $4
       )
       SELECT h.xmin::text AS horizon, p.* FROM horizon h LEFT JOIN page p ON true ORDER BY p.tx, p.sq`,
      [afterTransaction, afterSeq, types, maxCount],
    );
    const events = result.rows.filter((row) => row.event_id !== null && row.event_id !== undefined).map((row) => toRecordedEvent(row as EventRow));
    const isFull = events.length === maxCount;
    let lastPosition = events.length > 0 ? events[events.length - 1]!.position : after;
    if (types && !isFull) {
      // Skipped types still count as read: advance to the last visible row of any type, below the same horizon.
      lastPosition = (await this.lastVisiblePosition(after, result.rows[0]!.horizon)) ?? lastPosition;
    }
    return { events, lastPosition, isFull };
  }

  /** Resolves on the next append NOTIFY of this schema, on timeout or abort (also when the listener (re)connects). */
  waitForEvents(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.closed || signal?.aborted) return Promise.resolve();
    const waiting = this.waiters.wait(timeoutMs, signal);
    this.ensureListening();
    return waiting;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeAll();
    const listener = await this.listener;
    this.listener = undefined;
    this.listenerClient = null;
    await listener?.end().catch(() => undefined);
  }

  private async checkWithoutAppending(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const result = await this.connection.pool.query<{ revision: string; transaction_id: string | null; seq: string | null }>(
      `SELECT s.revision::text AS revision, e.transaction_id::text AS transaction_id, e.seq::text AS seq
       FROM ${this.names.streams} s
       LEFT JOIN ${this.names.events} e ON e.stream_id = s.stream_id AND e.revision = s.revision
       WHERE s.stream_id = $1`,
      [streamId],
    );
    const row = result.rows[0];
    const actual = row ? BigInt(row.revision) : 'no_stream';
    if (!expectedRevisionMatches(expected, actual)) throw new WrongExpectedRevisionError(streamId, expected, actual);
    return {
      nextExpectedRevision: row ? BigInt(row.revision) : -1n,
      position: row?.transaction_id && row.seq ? toPosition(row.transaction_id, row.seq) : START,
    };
  }

  /**
   * The append did not go through. When every id of the batch is already stored in this stream, in order, it is
   * a retry after a lost reply: answer as the first append did. Otherwise it is a conflict.
   */
  private async resolveConflict(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    const ids = events.map((event) => event.id);
    const replayed = findIdempotentReplay(streamId, ids, await this.storedEvents(ids));
    if (replayed) return { nextExpectedRevision: replayed.revision, position: replayed.position };
    throw new WrongExpectedRevisionError(streamId, expected, await this.currentRevision(streamId));
  }

  /** A replay of the whole multi-stream append answers as the first did; anything else is a conflict on one stream. */
  private async resolveMultiConflict(appends: readonly StreamAppend[], conflict: StreamAppend | undefined): Promise<AppendResult[]> {
    const byId = await this.storedEvents(appends.flatMap((append) => append.events.map((event) => event.id)));
    const replays = appends.map((append) => findIdempotentReplay(append.streamId, append.events.map((event) => event.id), byId));
    if (replays.every((replayed) => replayed !== undefined)) {
      return replays.map((replayed) => ({ nextExpectedRevision: replayed!.revision, position: replayed!.position }));
    }
    const culprit = conflict ?? appends[replays.findIndex((replayed) => replayed === undefined)]!;
    throw new WrongExpectedRevisionError(culprit.streamId, culprit.expected, await this.currentRevision(culprit.streamId));
  }

  private async storedEvents(ids: readonly string[]): Promise<Map<string, StoredEventRef & { position: GlobalPosition }>> {
    const stored = await this.connection.pool.query<{ event_id: string; stream_id: string; revision: string; transaction_id: string; seq: string }>(
      `SELECT event_id, stream_id, revision::text AS revision, transaction_id::text AS transaction_id, seq::text AS seq
       FROM ${this.names.events} WHERE event_id = ANY($1::text[])`,
      [ids],
    );
    return new Map(
      stored.rows.map((row) => [
        row.event_id,
        { streamId: row.stream_id, revision: BigInt(row.revision), position: toPosition(row.transaction_id, row.seq) },
      ]),
    );
  }

  private async currentRevision(streamId: string): Promise<bigint | 'no_stream'> {
    const current = await this.connection.pool.query<{ revision: string }>(
      `SELECT revision::text AS revision FROM ${this.names.streams} WHERE stream_id = $1`,
      [streamId],
    );
    return current.rows[0] ? BigInt(current.rows[0].revision) : 'no_stream';
  }

  private async lastVisiblePosition(after: GlobalPosition, horizon: string): Promise<GlobalPosition | undefined> {
    const [afterTransaction, afterSeq] = positionParams(after);
    const result = await this.connection.pool.query<{ transaction_id: string; seq: string }>(
      `SELECT e.transaction_id::text AS transaction_id, e.seq::text AS seq FROM ${this.names.events} e
       WHERE (e.transaction_id, e.seq) > ($1::text::xid8, $2::bigint) AND e.transaction_id < $3::text::xid8
       ORDER BY e.transaction_id DESC, e.seq DESC
       LIMIT 1`,
      [afterTransaction, afterSeq, horizon],
    );
    const row = result.rows[0];
    return row ? toPosition(row.transaction_id, row.seq) : undefined;
  }

  /** One LISTEN client per store, opened on the first wait and shared by every waiter. */
  private ensureListening(): void {
    if (this.listener || this.closed) return;
    const opening = this.openListener().catch(() => {
      // Unreachable database: waiters fall back to their timeouts; the next wait tries again.
      if (this.listener === opening) this.listener = undefined;
      return null;
    });
    this.listener = opening;
  }

  private async openListener(): Promise<Client | null> {
    const client = await this.connection.dedicatedClient();
    const dropped = (): void => {
      // A lost LISTEN connection: forget it (the next wait reopens) and let waiters read once more.
      if (this.listenerClient === client) {
        this.listenerClient = null;
        this.listener = undefined;
      }
      this.wakeAll();
    };
    try {
      client.on('notification', () => this.wakeAll());
      client.on('error', dropped);
      client.on('end', dropped);
      await client.query(`LISTEN ${quoteIdentifier(this.names.channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return null;
    }
    this.listenerClient = client;
    // Appends committed while the listener was being opened were not heard: let waiters read once more.
    this.wakeAll();
    return client;
  }

  private wakeAll(): void {
    this.waiters.wakeAll();
  }
}
