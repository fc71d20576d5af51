import { Client, Pool, type PoolClient, type PoolConfig } from 'pg';
import { quoteIdentifier } from './identifiers';

export interface PostgresConnectionOptions {
  databaseUrl: string;
  /** Every table of this connection's stores lives in this schema; it is created when missing. */
  schema: string;
  /** Pool size; default 10. */
  maxConnections?: number;
  applicationName?: string;
}

/** A pool bound to one schema of one database. Adapters share it; each owns its own tables in the schema. */
export class PostgresConnection {
  readonly pool: Pool;
  readonly schema: string;
  /** The schema, quoted for use in SQL text. */
  readonly qschema: string;

  constructor(private readonly options: PostgresConnectionOptions) {
    this.schema = options.schema;
    this.qschema = quoteIdentifier(options.schema);
    const config: PoolConfig = {
      connectionString: options.databaseUrl,
      max: options.maxConnections ?? 10,
      application_name: options.applicationName ?? options.schema,
    };
    this.pool = new Pool(config);
    // An idle client that loses its server connection must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
  }

  get databaseUrl(): string {
    return this.options.databaseUrl;
  }

  async ensureSchema(): Promise<void> {
    await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${this.qschema}`);
  }

  /** Runs `work` in a transaction on one client: commit on resolve, rollback on throw. */
  async transaction<R>(work: (client: PoolClient) => Promise<R>): Promise<R> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** A dedicated client outside the pool (LISTEN, session advisory locks). The caller ends it. */
  async dedicatedClient(): Promise<Client> {
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: this.schema });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Creates the database named in `databaseUrl` when it does not exist (connecting to `postgres` to do so). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw new Error('DATABASE_URL names no database');
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
      } catch (error) {
        // Another process created it at the same moment.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await client.end();
  }
}
