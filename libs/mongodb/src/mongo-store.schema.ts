import type { mongo } from 'mongoose';

/**
 * The collections of one service's read-model database. Logical collections live in `rm_<name>`; the internal
 * ones never start with `rm_`, so no logical name (`[a-z][a-z0-9_]*`) can collide with them.
 */
export const DEFINITIONS_COLLECTION = 'read_model_collections';
export const CHECKPOINTS_COLLECTION = 'read_model_checkpoints';
export const INBOX_COLLECTION = 'read_model_inbox';
/** Units of work fence on leader leases (UnitOfWork.fence), so the store and the lease lock share this collection. */
export const LEASES_COLLECTION = 'leader_leases';

/** Snapshot reads, so a unit sees one state of the data plus its own writes; majority, so a commit survives failover. */
export const TRANSACTION_OPTIONS: mongo.TransactionOptions = {
  readConcern: { level: 'snapshot' },
  writeConcern: { w: 'majority' },
  readPreference: 'primary',
};

export const INTERNAL_COLLECTIONS = [DEFINITIONS_COLLECTION, CHECKPOINTS_COLLECTION, INBOX_COLLECTION, LEASES_COLLECTION] as const;

/** One database per service and deployment (`broker_identity`): lower case, so names never differ by case only. */
const DATABASE_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const RESERVED_DATABASES = new Set(['admin', 'local', 'config']);

export function assertDatabaseName(name: string): void {
  if (typeof name !== 'string' || !DATABASE_NAME.test(name) || RESERVED_DATABASES.has(name)) {
    throw new Error(`MongoDB database name must match ${DATABASE_NAME} and not be admin, local or config: ${String(name)}`);
  }
}

/** The MongoDB collection of a logical collection (already validated by the shared rules). */
export function documentCollectionName(collection: string): string {
  return `rm_${collection}`;
}

/** Where an indexed field lives inside a stored document. */
export function dataPath(field: string): string {
  return `data.${field}`;
}

/** Serves equality on the field and its sort, with the id breaking ties in either direction. */
export function fieldIndexKey(field: string): Record<string, 1> {
  return { [dataPath(field)]: 1, _id: 1 };
}

/** Extends the driver's open Document so filters on dotted paths (`data.<field>`) type-check. */
export interface DocumentRow extends mongo.Document {
  _id: string;
  data: unknown;
  version: number;
}

export interface DefinitionRow {
  _id: string;
  indexes: Record<string, 'string' | 'number'>;
  updatedAt: Date;
}

export interface CheckpointRow {
  _id: string;
  value: string;
  updatedAt: Date;
}

export interface InboxRow {
  consumer: string;
  messageId: string;
  recordedAt: Date;
}

/**
 * One document per lease name, never deleted: the token keeps growing across holders, and a released lease is one
 * whose expiry has passed. The token is a BSON int64 (Long): the server adds one to it atomically when a new holder
 * takes the name, it orders numerically, and it has the range of PostgreSQL's bigint token. Times are the server's.
 */
export interface LeaseRow {
  _id: string;
  holder: string;
  token: mongo.Long | bigint | number;
  acquiredAt: Date;
  expiresAt: Date;
  /** Counts fenced units: the write that makes a concurrent takeover conflict with an open unit. */
  fencedUnits?: number;
}
