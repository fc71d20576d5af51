import { Client, type Pool, type PoolClient, type PoolConfig } from 'pg';
import { quoteIdentifier } from './identifiers';
import { ResilientPool, type PostgresLogger, type RetryOptions } from './resilient-pool';

export interface PostgresConnectionOptions {
  databaseUrl: string;
  /** Every table of this connection's stores lives in this schema; it is created when missing. */
  schema: string;
  /** Pool size; default 10. */
  maxConnections?: number;
  applicationName?: string;
  /** Connections lost and statements tried again are logged here at warn level. */
  logger?: PostgresLogger;
  retry?: RetryOptions;
  /** How long a checkout waits for a new connection to the server. Default 5000 ms. */
  connectTimeoutMs?: number;
  /**
   * How long a session may sit idle inside an open transaction before the server ends it. Default 5000 ms. A process
   * that freezes mid-transaction (a multi-stream append, a consumer's unit of work) would otherwise keep its row
   * locks, and hold back every reader of the gap-safe global order (ADR 2), until it resumed.
   */
  idleInTransactionTimeoutMs?: number;
}

/**
 * A pool bound to one schema of one database. Adapters share it; each owns its own tables in the schema. The pool
 * (ResilientPool) outlives database restarts: a lost connection never crashes the process, and what is safe to
 * retry is retried briefly; other transient failures reach the caller (see transient-errors.ts).
 */
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
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      // Notices a server that vanished without closing the connection (host down, network cut).
      keepAlive: true,
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 5000,
    };
    this.pool = new ResilientPool(config, options.logger, options.retry);
  }

  get databaseUrl(): string {
    return this.options.databaseUrl;
  }

  async ensureSchema(): Promise<void> {
    await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${this.qschema}`);
  }

  /**
   * Runs `work` in a transaction on one client: commit on resolve, rollback on throw. Not retried: a transient
   * failure (see transient-errors.ts) reaches the caller, which alone knows whether `work` may run again.
   */
  async transaction<R>(work: (client: PoolClient) => Promise<R>): Promise<R> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A client that cannot even roll back has lost its connection: the pool must not hand it out again.
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** A dedicated client outside the pool (LISTEN, session advisory locks). The caller ends it. */
  async dedicatedClient(): Promise<Client> {
    const client = new Client({
      connectionString: this.options.databaseUrl,
      application_name: this.schema,
      connectionTimeoutMillis: this.options.connectTimeoutMs ?? 5000,
      keepAlive: true,
    });
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
        // Another process created it at the same moment: 42P04, or 23505 when both passed the catalog check together.
        const code = (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      }
    }
  } finally {
    await client.end();
  }
}
