import { randomBytes } from 'node:crypto';
import { ensureDatabase, PostgresConnection, quoteIdentifier } from '@broker/postgres';
import { Client } from 'pg';

/** The database benchmarks work in (the test database): each benchmark makes its own schema in it. */
export const BENCH_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/broker_test';

export function randomSuffix(): string {
  return randomBytes(4).toString('hex');
}

export interface BenchSchema {
  connection: PostgresConnection;
  /** Closes the pool and drops the schema with everything in it. */
  drop(): Promise<void>;
}

/** A fresh schema `<prefix>_<random>` with a pool bound to it. */
export async function createBenchSchema(prefix: string, maxConnections = 4): Promise<BenchSchema> {
  await ensureDatabase(BENCH_DATABASE_URL);
  const schema = `${prefix}_${randomSuffix()}`;
  const connection = new PostgresConnection({ databaseUrl: BENCH_DATABASE_URL, schema, maxConnections, applicationName: `bench ${schema}` });
  await connection.ensureSchema();
  let dropped = false;
  return {
    connection,
    async drop() {
      if (dropped) return;
      dropped = true;
      await connection.close().catch(() => undefined);
      const client = new Client({ connectionString: BENCH_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** The server's version; creates the bench database first on a machine that has not got it yet. */
export async function postgresVersion(): Promise<string> {
  await ensureDatabase(BENCH_DATABASE_URL);
  const client = new Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end();
  }
}
