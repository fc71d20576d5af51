import { createTablesSql } from '../document-store/document-store.schema';
import { createEventStoreTablesSql, eventStoreNames } from '../event-store/event-store.schema';

/**
 * One step of a service schema's history. Steps are applied in version order, once each, and never edited after
 * they shipped: a change to a table is a new step. Statements may assume every earlier step ran.
 */
export interface SchemaMigration {
  version: number;
  name: string;
  /** Which store needs the step: only the stores PostgreSQL backs for the service are migrated there. */
  store: 'events' | 'documents';
  statements(schema: string, qschema: string): string[];
}

/**
 * The first steps are the tables the stores used to create at every boot, still written with IF NOT EXISTS so a
 * schema made by that older code is adopted as it is, not recreated.
 */
export const SCHEMA_MIGRATIONS: readonly SchemaMigration[] = [
  { version: 1, name: 'event store: streams and events', store: 'events', statements: (schema) => createEventStoreTablesSql(eventStoreNames(schema)) },
  {
    version: 2,
    name: 'document store: documents, checkpoints, inbox, collections, leader leases',
    store: 'documents',
    statements: (_schema, qschema) => createTablesSql(qschema),
  },
];

/** The migrations a service with these PostgreSQL-backed stores needs, in order. */
export function migrationsFor(stores: ReadonlySet<SchemaMigration['store']>, all: readonly SchemaMigration[] = SCHEMA_MIGRATIONS): SchemaMigration[] {
  return [...all].filter((migration) => stores.has(migration.store)).sort((a, b) => a.version - b.version);
}

/** The steps still to apply, given the versions already applied; an applied version unknown to this code is refused. */
export function pendingMigrations(wanted: readonly SchemaMigration[], applied: readonly number[], all: readonly SchemaMigration[] = SCHEMA_MIGRATIONS): SchemaMigration[] {
  const known = new Set(all.map((migration) => migration.version));
  const newer = applied.filter((version) => !known.has(version));
  if (newer.length > 0) {
    throw new SchemaNewerThanCodeError(newer);
  }
  const done = new Set(applied);
  return wanted.filter((migration) => !done.has(migration.version));
}

export class SchemaNewerThanCodeError extends Error {
  readonly code = 'SCHEMA.NEWER_THAN_CODE';
  constructor(readonly versions: readonly number[]) {
    super(`The database schema has migrations this code does not know (${versions.join(', ')}): run a release at least as new as the one that migrated it`);
    this.name = 'SchemaNewerThanCodeError';
  }
}

export class SchemaBehindError extends Error {
  readonly code = 'SCHEMA.BEHIND';
  constructor(readonly schema: string, readonly missing: readonly SchemaMigration[]) {
    super(
      `Schema ${schema} lacks ${missing.length} migration(s): ${missing.map((migration) => `${migration.version} (${migration.name})`).join(', ')}. ` +
        'Run `npm run migrate` (or the image with the `migrate` command) with a database user that may create tables, then start the service again',
    );
    this.name = 'SchemaBehindError';
  }
}
