import type { Client, QueryResult, QueryResultRow } from 'pg';
import type { LeaderLease, LeaderLock } from '@broker/read-models';
import type { PostgresConnection } from '../connection/postgres-connection';
import { advisoryLockKey } from './advisory-lock-key';

export interface PostgresAdvisoryLockOptions {
  /** How often a session holding leases is checked; a check that fails or hangs this long loses them. Default 5000. */
  heartbeatMs?: number;
}

interface Session {
  client: Client;
  dead: boolean;
  leases: Map<string, PgLease>;
  heartbeat: NodeJS.Timeout | null;
  /** Statements on the session run one after another: pg does not allow overlapping queries on one client. */
  queue: Promise<unknown>;
}

function query<R extends QueryResultRow>(session: Session, text: string, values?: unknown[]): Promise<QueryResult<R>> {
  const run = session.queue.then(() => session.client.query<R>(text, values));
  session.queue = run.catch(() => undefined);
  return run;
}

/**
 * Leader locks as session-level `pg_try_advisory_lock` on one dedicated client (outside the pool, so no other
 * work ever runs on the session that holds them). The key is a 64-bit hash of schema and name. PostgreSQL frees
 * the locks when the session ends, so a crashed or cut-off holder never blocks the others for long.
 */
export class PostgresAdvisoryLock implements LeaderLock {
  private session: Session | null = null;
  private connecting: Promise<Session> | null = null;
  private readonly acquiring = new Set<string>();
  private closed = false;
  private readonly heartbeatMs: number;

  constructor(private readonly connection: PostgresConnection, options: PostgresAdvisoryLockOptions = {}) {
    this.heartbeatMs = options.heartbeatMs ?? 5000;
  }

  async tryAcquire(name: string): Promise<LeaderLease | null> {
    if (this.closed) throw new Error('The advisory lock is closed');
    // Session locks are re-entrant in PostgreSQL; this object hands each name out once.
    if (this.acquiring.has(name) || this.session?.leases.has(name)) return null;
    this.acquiring.add(name);
    try {
      const session = await this.openSession();
      const key = advisoryLockKey(this.connection.schema, name);
      const result = await query<{ locked: boolean }>(session, 'SELECT pg_try_advisory_lock($1::bigint) AS locked', [
        key.toString(),
      ]);
      if (!result.rows[0]?.locked) return null;
      if (session.dead || this.closed) {
        await this.unlock(session, key);
        return null;
      }
      const lease: PgLease = new PgLease(name, (): Promise<void> => this.release(session, lease, key));
      session.leases.set(name, lease);
      this.startHeartbeat(session);
      return lease;
    } finally {
      this.acquiring.delete(name);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = this.session ?? (await this.connecting?.catch(() => null)) ?? null;
    if (!session) return;
    for (const lease of [...session.leases.values()]) await lease.release();
    this.endSession(session);
  }

  private async openSession(): Promise<Session> {
    if (this.session && !this.session.dead) return this.session;
    if (!this.connecting) {
      this.connecting = (async () => {
        const client = await this.connection.dedicatedClient();
        const session: Session = { client, dead: false, leases: new Map(), heartbeat: null, queue: Promise.resolve() };
        client.on('end', () => this.loseSession(session));
        client.on('error', () => this.loseSession(session));
        this.session = session;
        return session;
      })().finally(() => {
        this.connecting = null;
      });
    }
    return this.connecting;
  }

  private async release(session: Session, lease: PgLease, key: bigint): Promise<void> {
    if (session.leases.get(lease.name) !== lease) return;
    session.leases.delete(lease.name);
    if (session.leases.size === 0) this.stopHeartbeat(session);
    if (!session.dead) await this.unlock(session, key);
  }

  private async unlock(session: Session, key: bigint): Promise<void> {
    try {
      await query(session, 'SELECT pg_advisory_unlock($1::bigint)', [key.toString()]);
    } catch {
      // Ending the session is the sure way to free its locks.
      this.endSession(session);
    }
  }

  private startHeartbeat(session: Session): void {
    if (session.heartbeat) return;
    let inFlight = false;
    session.heartbeat = setInterval(() => {
      if (inFlight || session.dead) return;
      inFlight = true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('advisory lock session did not answer')), this.heartbeatMs);
      });
      Promise.race([query(session, 'SELECT 1'), timeout])
        .catch(() => this.endSession(session))
        .finally(() => {
          clearTimeout(timer);
          inFlight = false;
        });
    }, this.heartbeatMs);
    session.heartbeat.unref();
  }

  private stopHeartbeat(session: Session): void {
    if (session.heartbeat) clearInterval(session.heartbeat);
    session.heartbeat = null;
  }

  private endSession(session: Session): void {
    this.loseSession(session);
    session.client.end().catch(() => undefined);
  }

  /** The session is gone: every lease it carried is lost. */
  private loseSession(session: Session): void {
    if (session.dead) return;
    session.dead = true;
    this.stopHeartbeat(session);
    if (this.session === session) this.session = null;
    const leases = [...session.leases.values()];
    session.leases.clear();
    for (const lease of leases) lease.markLost();
  }
}

class PgLease implements LeaderLease {
  private readonly controller = new AbortController();
  private resolveLost!: () => void;
  readonly lost = new Promise<void>((resolve) => {
    this.resolveLost = resolve;
  });

  constructor(readonly name: string, private readonly unlock: () => Promise<void>) {}

  get held(): boolean {
    return !this.controller.signal.aborted;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.controller.abort();
    await this.unlock().catch(() => undefined);
  }

  markLost(): void {
    if (!this.held) return;
    this.controller.abort();
    this.resolveLost();
  }
}
