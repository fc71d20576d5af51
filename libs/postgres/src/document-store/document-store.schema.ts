import { createHash } from 'node:crypto';
import type { CollectionDefinition, IndexedFieldType } from '@broker/read-models';
import { createLeasesTableSql } from '../leases/lease.schema';

/** Table names of the document store inside the connection's schema (prefixed: other adapters share the schema). */
export const DOCUMENTS_TABLE = 'rm_documents';
export const CHECKPOINTS_TABLE = 'rm_checkpoints';
export const INBOX_TABLE = 'rm_inbox';
export const COLLECTIONS_TABLE = 'rm_collections';

/** Ids and collections compare byte-wise ("C"), the same order MongoDB and the in-memory store use. */
export function createTablesSql(qschema: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${qschema}.${DOCUMENTS_TABLE} (
      collection text COLLATE "C" NOT NULL,
      id text COLLATE "C" NOT NULL,
      data jsonb NOT NULL,
      version integer NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (collection, id)
    )`,
    `CREATE TABLE IF NOT EXISTS ${qschema}.${CHECKPOINTS_TABLE} (
      name text PRIMARY KEY,
      value text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE IF NOT EXISTS ${qschema}.${INBOX_TABLE} (
      consumer text NOT NULL,
      message_id text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, message_id)
    )`,
    `CREATE TABLE IF NOT EXISTS ${qschema}.${COLLECTIONS_TABLE} (
      name text PRIMARY KEY,
      indexes jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    // Units of work fence on leader leases (UnitOfWork.fence), so the table must exist wherever they run.
    createLeasesTableSql(qschema),
  ];
}

/**
 * The SQL expression of an indexed field. Field and collection names are validated identifiers
 * (document-store.rules), so inlining them is safe, and the planner only matches an expression index
 * when the query spells the expression with the same literal.
 */
export function fieldExpression(field: string, type: IndexedFieldType): string {
  return type === 'number' ? `((data->>'${field}')::numeric)` : `(data->>'${field}') COLLATE "C"`;
}

export function collectionPredicate(collection: string): string {
  return `collection = '${collection}'`;
}

export function indexName(collection: string, field: string, type: IndexedFieldType): string {
  const hash = createHash('sha256').update(`${collection}\u0000${field}\u0000${type}`).digest('hex').slice(0, 8);
  // Lower case: the name is written unquoted, so PostgreSQL stores it folded, and ensureCollection compares with it.
  return `rm_${`${collection}_${field}`.slice(0, 40)}_${hash}_${type === 'number' ? 'n' : 's'}`.toLowerCase();
}

/** One partial index per declared field, ordered like `find` reads it (missing values first), id breaking ties. */
export function createIndexSql(qschema: string, definition: CollectionDefinition, field: string, type: IndexedFieldType): string {
  return (
    `CREATE INDEX IF NOT EXISTS ${indexName(definition.name, field, type)} ON ${qschema}.${DOCUMENTS_TABLE} ` +
    `(${fieldExpression(field, type)} NULLS FIRST, id) WHERE ${collectionPredicate(definition.name)}`
  );
}
