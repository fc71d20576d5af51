import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabase, PostgresConnection } from '../connection/postgres-connection';
import { quoteIdentifier } from '../connection/identifiers';

/** The database integration tests use; each test file works in its own schema inside it. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/broker_test';

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Drops a schema (with everything in it) of the test database, or of `databaseUrl`. */
export async function dropSchema(schema: string, databaseUrl = TEST_DATABASE_URL): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}

/** A fresh schema in the test database, and a way to drop it again. */
export async function createTestSchema(prefix = 't'): Promise<{ schema: string; databaseUrl: string; drop(): Promise<void> }> {
  await ensureDatabase(TEST_DATABASE_URL);
  const schema = uniqueName(prefix);
  return {
    schema,
    databaseUrl: TEST_DATABASE_URL,
    drop: () => dropSchema(schema),
  };
}

export async function createTestConnection(prefix = 't'): Promise<{ connection: PostgresConnection; drop(): Promise<void> }> {
  const test = await createTestSchema(prefix);
  const connection = new PostgresConnection({ databaseUrl: test.databaseUrl, schema: test.schema, maxConnections: 25 });
  await connection.ensureSchema();
  return {
    connection,
    async drop() {
      await connection.close();
      await test.drop();
    },
  };
}
