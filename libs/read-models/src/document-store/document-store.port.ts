import type { LeaseFence } from '../projections/leader-lock.port';

/**
 * The read-model document-store port: small, so both a PostgreSQL (JSONB) and a MongoDB adapter mean the same.
 * Documents are plain JSON objects kept in named collections, addressed by a string id.
 */

export type IndexedFieldType = 'string' | 'number';

export interface CollectionDefinition {
  /** Logical collection name, unique within one service's store: `[a-z][a-z0-9_]*`. */
  name: string;
  /** The only fields `find` may filter or sort on; each gets an index. Dotted paths are not supported. */
  indexes: Record<string, IndexedFieldType>;
}

export interface StoredDocument<T> {
  id: string;
  data: T;
  /** Starts at 1 and grows by one on every upsert. */
  version: number;
}

export type SortDirection = 'asc' | 'desc';

export interface FindQuery {
  /** Equality on indexed fields (all must match). */
  where?: Record<string, string | number>;
  /**
   * A range of one indexed field: from `from` (included) to `to` (excluded), either left out for no bound; strings
   * compare in byte order, numbers numerically, and a document without the field is in no range.
   */
  range?: { field: string; from?: string | number; to?: string | number };
  /** One indexed field; ties are broken by document id in the same direction. Default: id ascending. */
  sort?: { field: string; direction: SortDirection };
  /** Default 50, at most 500. */
  limit?: number;
  /** From the previous page's `nextCursor`. */
  cursor?: string;
}

export interface FindResult<T> {
  items: StoredDocument<T>[];
  nextCursor: string | null;
}

export interface DocumentReader {
  get<T>(collection: string, id: string): Promise<StoredDocument<T> | null>;
  find<T>(collection: string, query?: FindQuery): Promise<FindResult<T>>;
}

export interface DocumentWriter {
  /** Insert or replace. When `expectedVersion` is given and differs, throws DocumentVersionConflictError. */
  upsert<T>(collection: string, id: string, data: T, expectedVersion?: number): Promise<StoredDocument<T>>;
  /** True when a document was deleted. */
  delete(collection: string, id: string): Promise<boolean>;
  /** Removes every document of a collection (projection rebuilds). */
  clear(collection: string): Promise<void>;
}

export interface Checkpoints {
  /** The stored checkpoint, or null when none. */
  read(name: string): Promise<string | null>;
  /**
   * Compare-and-set: stores `next` only when the stored value is `expected` (null: none stored yet).
   * Throws CheckpointConflictError otherwise, so two runners can never both advance the same checkpoint.
   * With `fence`, the save is also refused (LeaseFencedError) unless that lease is still current: the same as
   * UnitOfWork.fence followed by the save, in one unit.
   */
  save(name: string, next: string, expected: string | null, fence?: LeaseFence): Promise<void>;
}

export interface Inbox {
  /** Records a handled message; false when it was recorded before (the caller then skips its effect). */
  tryRecord(consumer: string, messageId: string): Promise<boolean>;
}

/**
 * Many documents of one collection in one round trip, for a store that can (projection batches use them when
 * present, and fall back to one call per document otherwise).
 */
export interface BatchDocumentAccess {
  /** The documents of these ids that exist. */
  getMany<T>(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument<T>>>;
  /** Insert or replace each (ids must differ), without version checks. */
  upsertMany<T>(collection: string, documents: readonly { id: string; data: T }[]): Promise<void>;
  /** How many of these ids were deleted. */
  deleteMany(collection: string, ids: readonly string[]): Promise<number>;
}

/** Everything done through one unit commits together or not at all. */
export interface UnitOfWork extends DocumentReader, DocumentWriter, Partial<BatchDocumentAccess> {
  readonly checkpoints: Checkpoints;
  readonly inbox: Inbox;
  /**
   * Throws LeaseFencedError unless `lease` (name and token) is the current, unexpired lease of its name, and from
   * here until the unit ends keeps the name from passing to another holder. A leader calls it before it writes, so
   * a leader that lost its lease (a new holder has a greater token) can never commit. Fence first and keep the rest
   * of the unit short: the holder's own renewals of the lease wait for the unit to end.
   */
  fence(lease: LeaseFence): Promise<void>;
}

export interface DocumentStore extends DocumentReader, DocumentWriter {
  /** Creates the collection's storage and indexes when missing; idempotent. Call before using a collection. */
  ensureCollection(definition: CollectionDefinition): Promise<void>;
  readonly checkpoints: Checkpoints;
  /** Runs `work` in one transaction; it commits when `work` resolves and rolls back when it throws. */
  unitOfWork<R>(work: (uow: UnitOfWork) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

export class DocumentVersionConflictError extends Error {
  readonly code = 'READ_MODEL.VERSION_CONFLICT';
  constructor(readonly collection: string, readonly id: string, readonly expected: number, readonly actual: number | null) {
    super(`Document ${collection}/${id}: expected version ${expected}, actual ${actual ?? 'none'}`);
    this.name = 'DocumentVersionConflictError';
  }
}

export class CheckpointConflictError extends Error {
  readonly code = 'READ_MODEL.CHECKPOINT_CONFLICT';
  constructor(readonly checkpoint: string, readonly expected: string | null, readonly actual: string | null) {
    super(`Checkpoint ${checkpoint}: expected ${expected ?? 'none'}, actual ${actual ?? 'none'}`);
    this.name = 'CheckpointConflictError';
  }
}

/** A fenced unit of work whose lease is no longer the current one: the unit is rolled back. */
export class LeaseFencedError extends Error {
  readonly code = 'READ_MODEL.LEASE_FENCED';
  constructor(readonly lease: string, readonly token: bigint, readonly reason: string) {
    super(`Lease ${lease} with token ${token} is no longer current: ${reason}`);
    this.name = 'LeaseFencedError';
  }
}

export class UnknownIndexError extends Error {
  readonly code = 'READ_MODEL.UNKNOWN_INDEX';
  constructor(readonly collection: string, readonly field: string) {
    super(`Collection ${collection} has no declared index on ${field}`);
    this.name = 'UnknownIndexError';
  }
}
