import type { PoolClient, QueryResultRow } from 'pg';
import {
  assertCollectionDefinition,
  assertCollectionName,
  assertDocument,
  assertDocumentId,
  CheckpointConflictError,
  DocumentVersionConflictError,
  encodeFindCursor,
  LeaseFencedError,
  resolveFindQuery,
  UnitOfWorkAbortedError,
  UnitOfWorkClosedError,
  UnknownCollectionError,
  type Checkpoints,
  type CollectionDefinition,
  type DocumentStore,
  type FindQuery,
  type FindResult,
  type Inbox,
  type IndexedFieldType,
  type LeaseFence,
  type StoredDocument,
  type UnitOfWork,
} from '@broker/read-models';
import type { PostgresConnection } from '../connection/postgres-connection';
import { LEASES_TABLE } from '../leases/lease.schema';
import { advisoryLockKey } from '../locks/advisory-lock-key';
import {
  CHECKPOINTS_TABLE,
  COLLECTIONS_TABLE,
  createIndexSql,
  createTablesSql,
  DOCUMENTS_TABLE,
  INBOX_TABLE,
  indexName,
} from './document-store.schema';
import { buildFindSql } from './find-query.sql';

interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

export interface PostgresDocumentStoreOptions {
  /**
   * How long a fenced unit of work may sit idle between statements before the server ends its session, rolling it
   * back. A frozen leader's open unit would otherwise keep its lease row locked, and the name from passing to a
   * standby, until it resumed. Default 5000 ms, the default lease time to live.
   */
  fencedIdleTimeoutMs?: number;
}

/** Serialises DDL of concurrent starters (CREATE ... IF NOT EXISTS alone races on the catalog). */
const DDL_LOCK = 'read-models:ddl';
/** Codes of a concurrent creation that won the race: duplicate object, schema or catalog row. */
const RACED_DDL = new Set(['23505', '42P06', '42P07', '42710']);

/**
 * The read-model document store on PostgreSQL: one JSONB table shared by all collections of the schema, a
 * partial expression index per declared field, compare-and-set checkpoints and an inbox, all in one schema.
 * The connection is shared and owned by the caller: `close()` does not end it.
 *
 * Collection definitions are also stored in a table, so an instance that never called `ensureCollection`
 * (a query-only replica) can still answer `find`.
 */
export class PostgresDocumentStore implements DocumentStore {
  readonly checkpoints: Checkpoints;
  private readonly definitions = new Map<string, CollectionDefinition>();
  private readonly fencedIdleTimeoutMs: number;
  private closed = false;

  constructor(private readonly connection: PostgresConnection, options: PostgresDocumentStoreOptions = {}) {
    this.fencedIdleTimeoutMs = options.fencedIdleTimeoutMs ?? 5000;
    if (!Number.isInteger(this.fencedIdleTimeoutMs) || this.fencedIdleTimeoutMs <= 0) {
      throw new Error('PostgresDocumentStore: fencedIdleTimeoutMs must be a positive whole number of milliseconds');
    }
    const pooled = new PgCheckpoints(this.connection.qschema, () => this.pool());
    this.checkpoints = {
      read: (name) => pooled.read(name),
      // A fenced save is a unit of its own: the fence and the compare-and-set commit together.
      save: (name, next, expected, fence) =>
        fence ? this.unitOfWork((uow) => uow.checkpoints.save(name, next, expected, fence)) : pooled.save(name, next, expected),
    };
  }

  /** Creates the schema and tables when missing; idempotent and safe when several processes start at once. */
  async init(): Promise<void> {
    await this.withDdlLock(async (client) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.connection.qschema}`);
      for (const sql of createTablesSql(this.connection.qschema)) await client.query(sql);
    });
  }

  async ensureCollection(definition: CollectionDefinition): Promise<void> {
    assertCollectionDefinition(definition);
    const copy: CollectionDefinition = { name: definition.name, indexes: { ...(definition.indexes ?? {}) } };
    const known = this.definitions.get(copy.name);
    if (known && sameIndexes(known.indexes, copy.indexes)) return;
    await this.withDdlLock(async (client) => {
      const existing = await client.query<{ indexname: string }>(
        'SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2',
        [this.connection.schema, DOCUMENTS_TABLE],
      );
      const names = new Set(existing.rows.map((row) => row.indexname));
      for (const [field, type] of Object.entries(copy.indexes)) {
        if (!names.has(indexName(copy.name, field, type))) {
          await client.query(createIndexSql(this.connection.qschema, copy, field, type));
        }
      }
      await client.query(
        `INSERT INTO ${this.connection.qschema}.${COLLECTIONS_TABLE} (name, indexes) VALUES ($1, $2::jsonb)
         ON CONFLICT (name) DO UPDATE SET indexes = EXCLUDED.indexes, updated_at = now()`,
        [copy.name, JSON.stringify(copy.indexes)],
      );
    });
    this.definitions.set(copy.name, copy);
  }

  get<T>(collection: string, id: string): Promise<StoredDocument<T> | null> {
    return this.operations(this.pool()).get<T>(collection, id);
  }

  find<T>(collection: string, query?: FindQuery): Promise<FindResult<T>> {
    return this.operations(this.pool()).find<T>(collection, query);
  }

  upsert<T>(collection: string, id: string, data: T, expectedVersion?: number): Promise<StoredDocument<T>> {
    return this.operations(this.pool()).upsert<T>(collection, id, data, expectedVersion);
  }

  delete(collection: string, id: string): Promise<boolean> {
    return this.operations(this.pool()).delete(collection, id);
  }

  clear(collection: string): Promise<void> {
    return this.operations(this.pool()).clear(collection);
  }

  async unitOfWork<R>(work: (uow: UnitOfWork) => Promise<R>): Promise<R> {
    this.assertOpen();
    const client = await this.connection.pool.connect();
    const uow = new PgUnitOfWork(client, this.connection.qschema, (q) => this.operations(q), this.fencedIdleTimeoutMs);
    let broken: Error | undefined;
    // The server may end the session mid-unit (the fenced idle timeout); without a listener pg's error event would
    // crash the process, as the pool listens only while the client is idle.
    const onError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(uow);
      uow.finish();
      // After a failed statement PostgreSQL answers COMMIT with ROLLBACK: never report that as success.
      const commit = await client.query('COMMIT');
      if (commit.command === 'ROLLBACK') throw new UnitOfWorkAbortedError();
      return result;
    } catch (error) {
      uow.finish();
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
      throw error;
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  /** Marks the store closed; the shared connection stays open for its owner to close. */
  async close(): Promise<void> {
    this.closed = true;
  }

  private operations(q: Queryable): DocumentOperations {
    return new DocumentOperations(q, this.connection.qschema, (collection, via) => this.definitionOf(collection, via));
  }

  private pool(): Queryable {
    this.assertOpen();
    return this.connection.pool as unknown as Queryable;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The document store is closed');
  }

  /** This instance's definition, else the stored one (cached), else null. */
  private async definitionOf(collection: string, via: Queryable): Promise<CollectionDefinition | null> {
    const known = this.definitions.get(collection);
    if (known) return known;
    const found = await via.query<{ indexes: Record<string, IndexedFieldType> }>(
      `SELECT indexes FROM ${this.connection.qschema}.${COLLECTIONS_TABLE} WHERE name = $1`,
      [collection],
    );
    const row = found.rows[0];
    if (!row) return null;
    const definition = { name: collection, indexes: row.indexes };
    this.definitions.set(collection, definition);
    return definition;
  }

  private async withDdlLock(work: (client: PoolClient) => Promise<void>): Promise<void> {
    this.assertOpen();
    const key = advisoryLockKey(this.connection.schema, DDL_LOCK).toString();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.connection.transaction(async (client) => {
          await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [key]);
          await work(client);
        });
        return;
      } catch (error) {
        // Another adapter may create the schema at the same moment without this lock: try once more.
        if (attempt >= 3 || !RACED_DDL.has((error as { code?: string }).code ?? '')) throw error;
      }
    }
  }
}

type DefinitionLookup = (collection: string, via: Queryable) => Promise<CollectionDefinition | null>;

/** The document operations, run either on the pool (each its own statement) or on a unit's client. */
class DocumentOperations {
  constructor(
    private readonly q: Queryable,
    private readonly qschema: string,
    private readonly definitionOf: DefinitionLookup,
  ) {}

  async get<T>(collection: string, id: string): Promise<StoredDocument<T> | null> {
    assertCollectionName(collection);
    assertDocumentId(collection, id);
    const result = await this.q.query<{ data: T; version: number }>(
      `SELECT data, version FROM ${this.qschema}.${DOCUMENTS_TABLE} WHERE collection = $1 AND id = $2`,
      [collection, id],
    );
    const row = result.rows[0];
    return row ? { id, data: row.data, version: row.version } : null;
  }

  async getMany<T>(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument<T>>> {
    assertCollectionName(collection);
    for (const id of ids) assertDocumentId(collection, id);
    if (ids.length === 0) return new Map();
    const result = await this.q.query<{ id: string; data: T; version: number }>(
      `SELECT id, data, version FROM ${this.qschema}.${DOCUMENTS_TABLE} WHERE collection = $1 AND id = ANY($2::text[])`,
      [collection, ids],
    );
    return new Map(result.rows.map((row) => [row.id, { id: row.id, data: row.data, version: row.version }]));
  }

  async upsertMany<T>(collection: string, documents: readonly { id: string; data: T }[]): Promise<void> {
    assertCollectionName(collection);
    if (documents.length === 0) return;
    const definition = await this.definitionOf(collection, this.q);
    const ids = new Set<string>();
    for (const { id, data } of documents) {
      assertDocumentId(collection, id);
      assertDocument(collection, data, definition?.indexes);
      if (ids.has(id)) throw new Error(`upsertMany ${collection}: document ${id} is given twice`);
      ids.add(id);
    }
    const table = `${this.qschema}.${DOCUMENTS_TABLE}`;
    await this.q.query(
      `INSERT INTO ${table} (collection, id, data, version)
       SELECT $1, batch.id, batch.data, 1 FROM unnest($2::text[], $3::jsonb[]) AS batch(id, data)
       ON CONFLICT (collection, id) DO UPDATE
         SET data = EXCLUDED.data, version = ${table}.version + 1, updated_at = now()`,
      [collection, [...ids], documents.map((document) => JSON.stringify(document.data))],
    );
  }

  async deleteMany(collection: string, ids: readonly string[]): Promise<number> {
    assertCollectionName(collection);
    for (const id of ids) assertDocumentId(collection, id);
    if (ids.length === 0) return 0;
    const result = await this.q.query(`DELETE FROM ${this.qschema}.${DOCUMENTS_TABLE} WHERE collection = $1 AND id = ANY($2::text[])`, [collection, ids]);
    return result.rowCount ?? 0;
  }

  async find<T>(collection: string, query?: FindQuery): Promise<FindResult<T>> {
    assertCollectionName(collection);
    const definition = await this.definitionOf(collection, this.q);
    if (!definition) throw new UnknownCollectionError(collection);
    const resolved = resolveFindQuery(definition, query);
    const sql = buildFindSql(this.qschema, collection, resolved);
    const result = await this.q.query<{ id: string; data: T; version: number; sort_value: string | null }>(sql.text, sql.values);
    const rows = result.rows.slice(0, resolved.limit);
    const last = rows[rows.length - 1];
    const nextCursor =
      result.rows.length > resolved.limit && last
        ? encodeFindCursor({
            field: resolved.sort?.field ?? null,
            direction: resolved.direction,
            value: resolved.sort ? last.sort_value : null,
            id: last.id,
          })
        : null;
    return { items: rows.map((row) => ({ id: row.id, data: row.data, version: row.version })), nextCursor };
  }

  async upsert<T>(collection: string, id: string, data: T, expectedVersion?: number): Promise<StoredDocument<T>> {
    assertCollectionName(collection);
    assertDocumentId(collection, id);
    const definition = await this.definitionOf(collection, this.q);
    assertDocument(collection, data, definition?.indexes);
    const json = JSON.stringify(data);
    const table = `${this.qschema}.${DOCUMENTS_TABLE}`;
    let rows: { version: number }[];
    if (expectedVersion === undefined) {
      ({ rows } = await this.q.query<{ version: number }>(
        `INSERT INTO ${table} (collection, id, data, version) VALUES ($1, $2, $3::jsonb, 1)
         ON CONFLICT (collection, id) DO UPDATE
           SET data = EXCLUDED.data, version = ${table}.version + 1, updated_at = now()
         RETURNING version`,
        [collection, id, json],
      ));
    } else if (expectedVersion === 0) {
      ({ rows } = await this.q.query<{ version: number }>(
        `INSERT INTO ${table} (collection, id, data, version) VALUES ($1, $2, $3::jsonb, 1)
         ON CONFLICT (collection, id) DO NOTHING RETURNING version`,
        [collection, id, json],
      ));
    } else {
      ({ rows } = await this.q.query<{ version: number }>(
        `UPDATE ${table} SET data = $3::jsonb, version = version + 1, updated_at = now()
         WHERE collection = $1 AND id = $2 AND version = $4 RETURNING version`,
        [collection, id, json, expectedVersion],
      ));
    }
    const row = rows[0];
    if (!row) {
      const actual = await this.get<T>(collection, id);
      throw new DocumentVersionConflictError(collection, id, expectedVersion ?? 0, actual?.version ?? null);
    }
    return { id, data: JSON.parse(json) as T, version: row.version };
  }

  async delete(collection: string, id: string): Promise<boolean> {
    assertCollectionName(collection);
    assertDocumentId(collection, id);
    const result = await this.q.query(`DELETE FROM ${this.qschema}.${DOCUMENTS_TABLE} WHERE collection = $1 AND id = $2`, [
      collection,
      id,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async clear(collection: string): Promise<void> {
    assertCollectionName(collection);
    await this.q.query(`DELETE FROM ${this.qschema}.${DOCUMENTS_TABLE} WHERE collection = $1`, [collection]);
  }
}

class PgCheckpoints implements Checkpoints {
  constructor(private readonly qschema: string, private readonly q: () => Queryable) {}

  async read(name: string): Promise<string | null> {
    const result = await this.q().query<{ value: string }>(`SELECT value FROM ${this.qschema}.${CHECKPOINTS_TABLE} WHERE name = $1`, [name]);
    return result.rows[0]?.value ?? null;
  }

  async save(name: string, next: string, expected: string | null): Promise<void> {
    const table = `${this.qschema}.${CHECKPOINTS_TABLE}`;
    // A concurrent writer holds the row (or the key) until it commits; the loser then sees the new value.
    const result =
      expected === null
        ? await this.q().query(`INSERT INTO ${table} (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [name, next])
        : await this.q().query(`UPDATE ${table} SET value = $2, updated_at = now() WHERE name = $1 AND value = $3`, [
            name,
            next,
            expected,
          ]);
    if ((result.rowCount ?? 0) === 0) throw new CheckpointConflictError(name, expected, await this.read(name));
  }
}

class PgInbox implements Inbox {
  constructor(private readonly qschema: string, private readonly q: () => Queryable) {}

  async tryRecord(consumer: string, messageId: string): Promise<boolean> {
    const result = await this.q().query(
      `INSERT INTO ${this.qschema}.${INBOX_TABLE} (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [consumer, messageId],
    );
    return (result.rowCount ?? 0) > 0;
  }
}

/** Everything on the transaction's client; unusable once the transaction has ended. */
class PgUnitOfWork implements UnitOfWork {
  readonly checkpoints: Checkpoints;
  readonly inbox: Inbox;
  private finished = false;
  private readonly ops: DocumentOperations;

  constructor(
    private readonly client: PoolClient,
    private readonly qschema: string,
    operations: (q: Queryable) => DocumentOperations,
    private readonly fencedIdleTimeoutMs: number,
  ) {
    this.ops = operations(client as unknown as Queryable);
    const checkpoints = new PgCheckpoints(qschema, () => this.live());
    this.checkpoints = {
      read: (name) => checkpoints.read(name),
      save: async (name, next, expected, fence) => {
        if (fence) await this.fence(fence);
        await checkpoints.save(name, next, expected);
      },
    };
    this.inbox = new PgInbox(qschema, () => this.live());
  }

  finish(): void {
    this.finished = true;
  }

  async fence(lease: LeaseFence): Promise<void> {
    const q = this.live();
    if (lease.held === false) throw new LeaseFencedError(lease.name, lease.token, 'it is no longer held here');
    // FOR SHARE: a new holder's takeover (an UPDATE that skips locked rows) cannot happen before this unit ends.
    // The idle timeout ends the unit when its process freezes with it open.
    const result = await q.query<{ token: string; valid: boolean }>(
      `SELECT token::text AS token, expires_at > clock_timestamp() AS valid,
              set_config('idle_in_transaction_session_timeout', $2, true) AS idle_timeout
       FROM ${this.qschema}.${LEASES_TABLE} WHERE name = $1 FOR SHARE`,
      [lease.name, String(this.fencedIdleTimeoutMs)],
    );
    const row = result.rows[0];
    const refusal = !row
      ? 'nobody holds it'
      : BigInt(row.token) !== lease.token
        ? `the current token is ${row.token}`
        : !row.valid
          ? 'it has expired'
          : null;
    if (refusal !== null) throw new LeaseFencedError(lease.name, lease.token, refusal);
  }

  get<T>(collection: string, id: string): Promise<StoredDocument<T> | null> {
    return this.run(() => this.ops.get<T>(collection, id));
  }
  find<T>(collection: string, query?: FindQuery): Promise<FindResult<T>> {
    return this.run(() => this.ops.find<T>(collection, query));
  }
  upsert<T>(collection: string, id: string, data: T, expectedVersion?: number): Promise<StoredDocument<T>> {
    return this.run(() => this.ops.upsert<T>(collection, id, data, expectedVersion));
  }
  delete(collection: string, id: string): Promise<boolean> {
    return this.run(() => this.ops.delete(collection, id));
  }
  clear(collection: string): Promise<void> {
    return this.run(() => this.ops.clear(collection));
  }
  getMany<T>(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument<T>>> {
    return this.run(() => this.ops.getMany<T>(collection, ids));
  }
  upsertMany<T>(collection: string, documents: readonly { id: string; data: T }[]): Promise<void> {
    return this.run(() => this.ops.upsertMany<T>(collection, documents));
  }
  deleteMany(collection: string, ids: readonly string[]): Promise<number> {
    return this.run(() => this.ops.deleteMany(collection, ids));
  }

  private live(): Queryable {
    if (this.finished) throw new UnitOfWorkClosedError();
    return this.client as unknown as Queryable;
  }

  private async run<R>(operation: () => Promise<R>): Promise<R> {
    this.live();
    return operation();
  }
}

function sameIndexes(a: Record<string, IndexedFieldType>, b: Record<string, IndexedFieldType>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
