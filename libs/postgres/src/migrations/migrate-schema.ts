import type { PoolClient } from 'pg';
import { quoteIdentifier } from '../connection/identifiers';
import type { PostgresConnection } from '../connection/postgres-connection';
import { advisoryLockKey } from '../locks/advisory-lock-key';
import { migrationsFor, pendingMigrations, SchemaBehindError, type SchemaMigration } from './schema-migrations';

export const MIGRATIONS_TABLE = 'schema_migrations';

export type MigratedStore = SchemaMigration['store'];

export interface MigrateOptions {
  /** A database role that gets the rights the services need (data, not DDL) on everything in the schema. */
  grantTo?: string;
}

export interface MigrationReport {
  schema: string;
  applied: SchemaMigration[];
  /** The schema's version after the run: its highest applied migration. */
  version: number;
}

/** Versions applied to the connection's schema; empty when the schema or its migrations table does not exist. Reads only. */
export async function appliedMigrations(connection: PostgresConnection, client?: PoolClient): Promise<number[]> {
  const query = client ?? connection.pool;
  const table = await query.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [`${connection.qschema}.${MIGRATIONS_TABLE}`]);
  if (!table.rows[0]?.found) return [];
  const rows = await query.query<{ version: number }>(`SELECT version FROM ${connection.qschema}.${MIGRATIONS_TABLE} ORDER BY version`);
  return rows.rows.map((row) => row.version);
}

/**
 * Refuses (SchemaBehindError) unless every migration the stores need is applied. Reads only, so a service whose
 * database user has no DDL rights can start on a migrated schema.
 */
export async function verifySchema(connection: PostgresConnection, stores: ReadonlySet<MigratedStore>): Promise<void> {
  const missing = pendingMigrations(migrationsFor(stores), await appliedMigrations(connection));
  if (missing.length > 0) throw new SchemaBehindError(connection.schema, missing);
}

/**
 * Applies what is missing, in one transaction under an advisory lock of the schema, so replicas and the migrate
 * command starting together apply each step once. A schema already current costs two reads and no DDL.
 */
export async function migrateSchema(connection: PostgresConnection, stores: ReadonlySet<MigratedStore>, options: MigrateOptions = {}): Promise<MigrationReport> {
  const wanted = migrationsFor(stores);
  if (!options.grantTo && pendingMigrations(wanted, await appliedMigrations(connection)).length === 0) {
    return { schema: connection.schema, applied: [], version: Math.max(0, ...wanted.map((migration) => migration.version)) };
  }
  return connection.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [advisoryLockKey(connection.schema, 'schema-migrations').toString()]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${connection.qschema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${connection.qschema}.${MIGRATIONS_TABLE} (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const applied = await appliedMigrations(connection, client);
    const pending = pendingMigrations(wanted, applied);
    for (const migration of pending) {
      for (const sql of migration.statements(connection.schema, connection.qschema)) await client.query(sql);
      await client.query(`INSERT INTO ${connection.qschema}.${MIGRATIONS_TABLE} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
    }
    if (options.grantTo) await grantDataRights(client, connection.qschema, options.grantTo);
    return { schema: connection.schema, applied: pending, version: Math.max(0, ...applied, ...pending.map((migration) => migration.version)) };
  });
}

async function grantDataRights(client: PoolClient, qschema: string, role: string): Promise<void> {
  const qrole = quoteIdentifier(role);
  await client.query(`GRANT USAGE ON SCHEMA ${qschema} TO ${qrole}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${qschema} TO ${qrole}`);
  await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${qschema} TO ${qrole}`);
}
