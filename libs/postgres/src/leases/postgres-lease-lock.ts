import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  leaseTiming,
  monotonicClock,
  RenewingLease,
  type LeaderLease,
  type LeaderLock,
  type LeaseTiming,
  type MonotonicClock,
} from '@broker/read-models';
import type { PostgresConnection } from '../connection/postgres-connection';
import { advisoryLockKey } from '../locks/advisory-lock-key';
import { createLeasesTableSql, LEASES_TABLE } from './lease.schema';

export interface PostgresLeaseLockOptions extends Partial<LeaseTiming> {
  /** The holder's local clock; by default the process's monotonic clock. */
  clock?: MonotonicClock;
}

/** Codes of a concurrent creation that won the race: duplicate object, schema or catalog row. */
const RACED_DDL = new Set(['23505', '42P06', '42P07', '42710']);

/**
 * Leader leases in a table of the service's schema: a name is taken when it is free or its lease has expired, the
 * holder renews it every `renewEveryMs` by the time to live, and loses it when a renewal fails or comes too late.
 * Expiry is computed with the database's clock, so the processes' clocks never need to agree. Every statement is
 * a short one on the shared pool: no session holds anything, so a frozen holder keeps nothing but its row, which
 * expires. Each new holder of a name gets a greater token; units of work fence on it (UnitOfWork.fence).
 */
export class PostgresLeaseLock implements LeaderLock {
  /** Unique per lock object, i.e. per process instance; the table shows who holds what. */
  readonly holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  private readonly timing: LeaseTiming;
  private readonly clock: MonotonicClock;
  private readonly leases = new Map<string, RenewingLease>();
  private readonly acquiring = new Set<string>();
  private readonly table: string;
  private ready: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly connection: PostgresConnection, options: PostgresLeaseLockOptions = {}) {
    this.timing = leaseTiming(options);
    this.clock = options.clock ?? monotonicClock;
    this.table = `${connection.qschema}.${LEASES_TABLE}`;
  }

  async tryAcquire(name: string): Promise<LeaderLease | null> {
    if (this.closed) throw new Error('The leader lock is closed');
    if (this.acquiring.has(name) || this.leases.has(name)) return null;
    this.acquiring.add(name);
    try {
      await this.ensureTable();
      const acquiredAt = this.clock();
      const token = await this.claim(name);
      if (token === null) return null;
      const lease: RenewingLease = new RenewingLease({
        name,
        token,
        clock: this.clock,
        acquiredAt,
        ...this.timing,
        renew: () => this.renew(name, token),
        free: () => this.free(name, token),
        onEnd: () => {
          if (this.leases.get(name) === lease) this.leases.delete(name);
        },
      });
      this.leases.set(name, lease);
      if (this.closed) {
        await lease.release();
        return null;
      }
      // An answer that took longer than the time to live ends the lease at once (and frees the row).
      return lease.start() ? lease : null;
    } finally {
      this.acquiring.delete(name);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.leases.values()].map((lease) => lease.release()));
  }

  /** The new token, or null while another holder's lease is valid or a fenced unit of work keeps the row locked. */
  private async claim(name: string): Promise<bigint | null> {
    const expiry = `clock_timestamp() + $3::integer * interval '1 millisecond'`;
    const inserted = await this.connection.pool.query<{ token: string }>(
      `INSERT INTO ${this.table} (name, holder, token, acquired_at, expires_at) VALUES ($1, $2, 1, clock_timestamp(), ${expiry})
       ON CONFLICT (name) DO NOTHING RETURNING token::text AS token`,
      [name, this.holder, this.timing.ttlMs],
    );
    if (inserted.rows[0]) return BigInt(inserted.rows[0].token);
    // SKIP LOCKED: a row locked by a fenced unit (or a renewal) is not free now; the caller tries again later
    // instead of queueing behind a holder that may be frozen.
    const taken = await this.connection.pool.query<{ token: string }>(
      `WITH free AS (
         SELECT name FROM ${this.table} WHERE name = $1 AND (expires_at <= clock_timestamp() OR holder = $2) FOR UPDATE SKIP LOCKED
       )
       UPDATE ${this.table} AS lease SET holder = $2, token = lease.token + 1, acquired_at = clock_timestamp(), expires_at = ${expiry}
       FROM free WHERE lease.name = free.name RETURNING lease.token::text AS token`,
      [name, this.holder, this.timing.ttlMs],
    );
    return taken.rows[0] ? BigInt(taken.rows[0].token) : null;
  }

  private async renew(name: string, token: bigint): Promise<boolean> {
    const result = await this.connection.pool.query(
      `UPDATE ${this.table} SET expires_at = clock_timestamp() + $4::integer * interval '1 millisecond'
       WHERE name = $1 AND holder = $2 AND token = $3::bigint AND expires_at > clock_timestamp()`,
      [name, this.holder, token.toString(), this.timing.ttlMs],
    );
    return result.rowCount === 1;
  }

  private async free(name: string, token: bigint): Promise<void> {
    await this.connection.pool.query(
      `UPDATE ${this.table} SET expires_at = clock_timestamp()
       WHERE name = $1 AND holder = $2 AND token = $3::bigint AND expires_at > clock_timestamp()`,
      [name, this.holder, token.toString()],
    );
  }

  private ensureTable(): Promise<void> {
    this.ready ??= this.createTable().catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  private async createTable(): Promise<void> {
    // Made by the migrations already (the usual case): no DDL, so a user without DDL rights gets here too.
    const table = await this.connection.pool.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [`${this.connection.qschema}.${LEASES_TABLE}`]);
    if (table.rows[0]?.found) return;
    const key = advisoryLockKey(this.connection.schema, 'leases:ddl').toString();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.connection.transaction(async (client) => {
          await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [key]);
          await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.connection.qschema}`);
          await client.query(createLeasesTableSql(this.connection.qschema));
        });
        return;
      } catch (error) {
        // The document store creates the same table under its own lock at the same moment: the second try sees it.
        if (attempt >= 3 || !RACED_DDL.has((error as { code?: string }).code ?? '')) throw error;
      }
    }
  }
}
