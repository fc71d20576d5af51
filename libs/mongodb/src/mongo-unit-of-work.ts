import {
  LeaseFencedError,
  UnitOfWorkClosedError,
  type Checkpoints,
  type FindQuery,
  type FindResult,
  type Inbox,
  type LeaseFence,
  type StoredDocument,
  type UnitOfWork,
} from '@broker/read-models';
import type { mongo } from 'mongoose';
import { fenceFilter, fenceRefusal, fenceUpdate } from './lease-statements.mongo';
import { MongoCheckpoints } from './mongo-checkpoints';
import { MongoDocumentOperations, type DefinitionLookup } from './mongo-document-operations';
import { MongoInbox } from './mongo-inbox';
import { LEASES_COLLECTION, type LeaseRow } from './mongo-store.schema';

/** Everything on the unit's session, inside its transaction; unusable once the transaction has ended. */
export class MongoUnitOfWork implements UnitOfWork {
  readonly checkpoints: Checkpoints;
  readonly inbox: Inbox;
  private readonly ops: MongoDocumentOperations;
  private finished = false;

  constructor(
    private readonly db: mongo.Db,
    private readonly session: mongo.ClientSession,
    definitionOf: DefinitionLookup,
  ) {
    const live = (): mongo.ClientSession => this.live();
    this.ops = new MongoDocumentOperations(db, live, definitionOf);
    const checkpoints = new MongoCheckpoints(db, live);
    this.checkpoints = {
      read: (name) => checkpoints.read(name),
      save: async (name, next, expected, fence) => {
        if (fence) await this.fence(fence);
        await checkpoints.save(name, next, expected);
      },
    };
    this.inbox = new MongoInbox(db, live);
  }

  finish(): void {
    this.finished = true;
  }

  /**
   * A write to the lease row inside the transaction, matched only while the token is current and unexpired by the
   * server's clock. The unit then holds that row until it ends: a takeover (itself a short transaction, see
   * MongoLeaseLock) hits a write conflict and reports the name as not free, however long ago the lease expired, and
   * the holder's own renewals (plain writes) wait for the unit to end. Fence first: a renewal that commits between
   * the unit's first statement and its fence makes the fence fail with a write conflict (a transient error).
   */
  async fence(lease: LeaseFence): Promise<void> {
    const session = this.live();
    if (lease.held === false) throw new LeaseFencedError(lease.name, lease.token, 'it is no longer held here');
    const leases = this.db.collection<LeaseRow>(LEASES_COLLECTION);
    const result = await leases.updateOne(fenceFilter(lease.name, lease.token), fenceUpdate(), { session });
    if (result.matchedCount === 1) return;
    const row = await leases.findOne({ _id: lease.name }, { session, projection: { token: 1 }, useBigInt64: true });
    throw new LeaseFencedError(lease.name, lease.token, fenceRefusal(row, lease.token));
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

  private live(): mongo.ClientSession {
    if (this.finished) throw new UnitOfWorkClosedError();
    return this.session;
  }
}
