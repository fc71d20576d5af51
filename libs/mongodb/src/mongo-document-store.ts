import {
  assertCollectionDefinition,
  UnitOfWorkAbortedError,
  type Checkpoints,
  type CollectionDefinition,
  type DocumentStore,
  type FindQuery,
  type FindResult,
  type IndexedFieldType,
  type StoredDocument,
  type UnitOfWork,
} from '@broker/read-models';
import mongoose, { type Connection, type mongo } from 'mongoose';
import { MongoCheckpoints } from './mongo-checkpoints';
import { MongoDocumentOperations } from './mongo-document-operations';
import { errorCode, hasErrorLabel, isAbortedTransaction, NAMESPACE_EXISTS } from './mongo-errors';
import { MongoLeaseLock, type MongoLeaseLockOptions } from './mongo-lease-lock';
import { MongoUnitOfWork } from './mongo-unit-of-work';
import {
  assertDatabaseName,
  DEFINITIONS_COLLECTION,
  documentCollectionName,
  fieldIndexKey,
  INBOX_COLLECTION,
  INTERNAL_COLLECTIONS,
  type DefinitionRow,
  type InboxRow,
  TRANSACTION_OPTIONS,
} from './mongo-store.schema';

export interface MongoDocumentStoreOptions {
  /** The service's own database, e.g. `broker_identity`. */
  database: string;
}

/** Attempts at a commit whose outcome the driver could not learn (the same commit again is safe). */
const COMMIT_ATTEMPTS = 3;

/**
 * The read-model document store on MongoDB (a replica set: units of work are transactions). One collection per
 * logical collection (`rm_<name>`) holding `{ _id: id, data, version }`, an index per declared field, and internal
 * collections for definitions, checkpoints, the inbox and leader leases, all in one database per service. The
 * store opens its own connection and `close()` ends it.
 *
 * Collection definitions are also stored, so an instance that never called `ensureCollection` (a query-only
 * replica) can still answer `find`.
 */
export class MongoDocumentStore implements DocumentStore {
  readonly checkpoints: Checkpoints;
  private readonly db: mongo.Db;
  private readonly ops: MongoDocumentOperations;
  private readonly definitions = new Map<string, CollectionDefinition>();
  private readonly locks = new Set<MongoLeaseLock>();
  private closed = false;

  private constructor(private readonly connection: Connection) {
    if (!connection.db) throw new Error('MongoDocumentStore: the connection is not open');
    this.db = connection.db;
    const outside = (): undefined => {
      this.assertOpen();
      return undefined;
    };
    this.ops = new MongoDocumentOperations(this.db, outside, (collection) => this.definitionOf(collection));
    const pooled = new MongoCheckpoints(this.db, outside);
    this.checkpoints = {
      read: (name) => pooled.read(name),
      // A fenced save is a unit of its own: the fence and the compare-and-set commit together.
      save: (name, next, expected, fence) =>
        fence ? this.unitOfWork((uow) => uow.checkpoints.save(name, next, expected, fence)) : pooled.save(name, next, expected),
    };
  }

  /** Connects to `url` (a replica set) and works in `options.database`. */
  static async connect(url: string, options: MongoDocumentStoreOptions): Promise<MongoDocumentStore> {
    assertDatabaseName(options.database);
    const connection = mongoose.createConnection(url, { dbName: options.database });
    try {
      await connection.asPromise();
      return new MongoDocumentStore(connection);
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }

  /** Creates the internal collections and their indexes when missing; idempotent and safe when several processes start at once. */
  async init(): Promise<void> {
    this.assertOpen();
    for (const name of INTERNAL_COLLECTIONS) await this.createCollection(name);
    await this.db
      .collection<InboxRow>(INBOX_COLLECTION)
      .createIndex({ consumer: 1, messageId: 1 }, { unique: true, name: 'consumer_message_unique' });
  }

  /** Health: throws when the server does not answer. */
  async check(): Promise<void> {
    this.assertOpen();
    await this.db.command({ ping: 1 });
  }

  async ensureCollection(definition: CollectionDefinition): Promise<void> {
    this.assertOpen();
    assertCollectionDefinition(definition);
    const copy: CollectionDefinition = { name: definition.name, indexes: { ...(definition.indexes ?? {}) } };
    const known = this.definitions.get(copy.name);
    if (known && sameIndexes(known.indexes, copy.indexes)) return;
    const name = documentCollectionName(copy.name);
    await this.createCollection(name);
    // Creating an index that exists with the same key is a no-op, also when another process builds it at the same
    // moment: the server lets the second request wait for the first build.
    for (const field of Object.keys(copy.indexes)) await this.db.collection(name).createIndex(fieldIndexKey(field));
    await this.db
      .collection<DefinitionRow>(DEFINITIONS_COLLECTION)
      .updateOne({ _id: copy.name }, { $set: { indexes: copy.indexes, updatedAt: new Date() } }, { upsert: true });
    this.definitions.set(copy.name, copy);
  }

  get<T>(collection: string, id: string): Promise<StoredDocument<T> | null> {
    return this.ops.get<T>(collection, id);
  }

  find<T>(collection: string, query?: FindQuery): Promise<FindResult<T>> {
    return this.ops.find<T>(collection, query);
  }

  upsert<T>(collection: string, id: string, data: T, expectedVersion?: number): Promise<StoredDocument<T>> {
    return this.ops.upsert<T>(collection, id, data, expectedVersion);
  }

  delete(collection: string, id: string): Promise<boolean> {
    return this.ops.delete(collection, id);
  }

  clear(collection: string): Promise<void> {
    return this.ops.clear(collection);
  }

  /**
   * One transaction, and `work` runs exactly once. Not `session.withTransaction`: it runs the callback again after a
   * transient error (a write conflict with another open unit), and a second run would re-read what the rival unit
   * just committed and then succeed, where the port wants the loser of a compare-and-set to fail (and `work` may have
   * effects outside the store). Conflicts on checkpoints and expected versions become the port's typed conflicts;
   * any other transient error goes up with the driver's TransientTransactionError label, for the caller to retry.
   */
  async unitOfWork<R>(work: (uow: UnitOfWork) => Promise<R>): Promise<R> {
    this.assertOpen();
    const session = this.connection.getClient().startSession();
    const uow = new MongoUnitOfWork(this.db, session, (collection) => this.definitionOf(collection));
    try {
      session.startTransaction(TRANSACTION_OPTIONS);
      let result: R;
      try {
        result = await work(uow);
      } finally {
        uow.finish();
      }
      await this.commit(session);
      return result;
    } catch (error) {
      if (session.inTransaction()) await session.abortTransaction().catch(() => undefined);
      throw error;
    } finally {
      await session.endSession().catch(() => undefined);
    }
  }

  /** A leader lock on this store's database: units of work of this store fence on its leases. */
  leaderLock(options: MongoLeaseLockOptions = {}): MongoLeaseLock {
    this.assertOpen();
    const lock = new MongoLeaseLock(this.connection, options);
    this.locks.add(lock);
    return lock;
  }

  /** Releases the leases of the locks it made, then ends the connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.locks].map((lock) => lock.close().catch(() => undefined)));
    this.locks.clear();
    await this.connection.close();
  }

  private async commit(session: mongo.ClientSession): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await session.commitTransaction();
        return;
      } catch (error) {
        if (hasErrorLabel(error, 'UnknownTransactionCommitResult') && attempt < COMMIT_ATTEMPTS) continue;
        // A statement inside the unit failed and was caught: the server had already rolled the unit back.
        if (isAbortedTransaction(error)) throw new UnitOfWorkAbortedError();
        throw error;
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The document store is closed');
  }

  /** This instance's definition, else the stored one (cached), else null. */
  private async definitionOf(collection: string): Promise<CollectionDefinition | null> {
    const known = this.definitions.get(collection);
    if (known) return known;
    const row = await this.db.collection<DefinitionRow>(DEFINITIONS_COLLECTION).findOne({ _id: collection });
    if (!row) return null;
    const definition = { name: collection, indexes: row.indexes };
    this.definitions.set(collection, definition);
    return definition;
  }

  private async createCollection(name: string): Promise<void> {
    try {
      await this.db.createCollection(name);
    } catch (error) {
      // Another process created it first.
      if (errorCode(error) !== NAMESPACE_EXISTS) throw error;
    }
  }
}

function sameIndexes(a: Record<string, IndexedFieldType>, b: Record<string, IndexedFieldType>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
