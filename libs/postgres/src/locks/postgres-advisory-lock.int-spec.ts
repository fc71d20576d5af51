import { Client } from 'pg';
import type { PostgresConnection } from '../connection/postgres-connection';
import { createTestConnection, TEST_DATABASE_URL } from '../testing/test-schema';
import { advisoryLockKey } from './advisory-lock-key';
import { PostgresAdvisoryLock } from './postgres-advisory-lock';

/** The backend holding the session-level advisory lock for this key (pg_locks splits the key in two halves). */
async function holderPid(admin: Client, key: bigint): Promise<number | null> {
  const unsigned = BigInt.asUintN(64, key);
  const result = await admin.query<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND classid = $1::bigint::oid AND objid = $2::bigint::oid`,
    [(unsigned >> 32n).toString(), (unsigned & 0xffffffffn).toString()],
  );
  return result.rows[0]?.pid ?? null;
}

async function eventually<T>(attempt: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('PostgresAdvisoryLock', () => {
  let connection: PostgresConnection;
  let drop: () => Promise<void>;
  let admin: Client;
  const locks: PostgresAdvisoryLock[] = [];
  const contender = (heartbeatMs?: number) => {
    const lock = new PostgresAdvisoryLock(connection, { heartbeatMs });
    locks.push(lock);
    return lock;
  };

  beforeAll(async () => {
    ({ connection, drop } = await createTestConnection('locks'));
    admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
  });
  afterEach(async () => {
    await Promise.all(locks.splice(0).map((lock) => lock.close()));
  });
  afterAll(async () => {
    await admin.end();
    await drop();
  });

  it('lets one of two contenders hold a name, and the other once it is released', async () => {
    const [a, b] = [contender(), contender()];
    const lease = await a.tryAcquire('projection:x:v1');
    expect(lease).not.toBeNull();
    expect(lease!.held).toBe(true);
    expect(await b.tryAcquire('projection:x:v1')).toBeNull();
    expect(await b.tryAcquire('projection:x:v1')).toBeNull();
    // other names are independent
    const other = await b.tryAcquire('projection:y:v1');
    expect(other).not.toBeNull();

    await lease!.release();
    expect(lease!.held).toBe(false);
    expect(lease!.signal.aborted).toBe(true);
    const taken = await b.tryAcquire('projection:x:v1');
    expect(taken).not.toBeNull();
    expect(await a.tryAcquire('projection:x:v1')).toBeNull();
    await lease!.release(); // idempotent: must not free b's lock
    expect(await a.tryAcquire('projection:x:v1')).toBeNull();
  });

  it('hands a name out once per lock object although PostgreSQL session locks are re-entrant', async () => {
    const a = contender();
    const [first, second] = await Promise.all([a.tryAcquire('n'), a.tryAcquire('n')]);
    expect([first, second].filter((lease) => lease !== null)).toHaveLength(1);
    expect(await a.tryAcquire('n')).toBeNull();
    await (first ?? second)!.release();
    // one release really frees it for the others
    expect(await contender().tryAcquire('n')).not.toBeNull();
  });

  it('keeps names of different schemas apart', async () => {
    const otherSchema = await createTestConnection('locks');
    try {
      const here = await contender().tryAcquire('same');
      const elsewhere = new PostgresAdvisoryLock(otherSchema.connection);
      try {
        expect(here).not.toBeNull();
        expect(await elsewhere.tryAcquire('same')).not.toBeNull();
      } finally {
        await elsewhere.close();
      }
    } finally {
      await otherSchema.drop();
    }
  });

  it('loses the lease when the holder’s session is terminated, and the other contender acquires', async () => {
    const [a, b] = [contender(), contender()];
    const lease = await a.tryAcquire('projection:z:v1');
    expect(lease).not.toBeNull();
    expect(await b.tryAcquire('projection:z:v1')).toBeNull();
    const pid = await holderPid(admin, advisoryLockKey(connection.schema, 'projection:z:v1'));
    expect(pid).not.toBeNull();
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await lease!.lost;
    expect(lease!.held).toBe(false);
    const taken = await eventually(() => b.tryAcquire('projection:z:v1'));
    expect(taken.held).toBe(true);
    // the old holder reconnects on demand but cannot take it back
    expect(await a.tryAcquire('projection:z:v1')).toBeNull();
  });

  it('frees every lease of a lock object on close', async () => {
    const a = contender();
    const lease = await a.tryAcquire('closing');
    await a.close();
    expect(lease!.held).toBe(false);
    expect(await contender().tryAcquire('closing')).not.toBeNull();
    await expect(a.tryAcquire('closing')).rejects.toThrow(/closed/);
  });
});
