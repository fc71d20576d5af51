import { Client } from 'pg';
import { describeLeaderLockContract, MovableClock } from '@broker/read-models/testing';
import { PostgresDocumentStore } from '../document-store/postgres-document-store';
import { createTestConnection, TEST_DATABASE_URL } from '../testing/test-schema';
import { LEASES_TABLE } from './lease.schema';
import { PostgresLeaseLock } from './postgres-lease-lock';

describeLeaderLockContract('PostgreSQL', async () => {
  const { connection, drop } = await createTestConnection('leases');
  const store = new PostgresDocumentStore(connection);
  await store.init();
  const admins = new Set<Client>();
  return {
    store,
    contender: (options) => new PostgresLeaseLock(connection, options),
    // Another session locks the lease row: the holder's renewal waits for it, as behind a slow or stuck server.
    stallRenewals: async (name) => {
      const admin = new Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      admins.add(admin);
      await admin.query('BEGIN');
      const locked = await admin.query(`SELECT 1 FROM ${connection.qschema}.${LEASES_TABLE} WHERE name = $1 FOR UPDATE`, [name]);
      if (locked.rowCount !== 1) throw new Error(`no lease row for ${name}`);
      return async () => {
        if (!admins.delete(admin)) return;
        await admin.query('COMMIT');
        await admin.end();
      };
    },
    async teardown() {
      for (const admin of admins) await admin.end().catch(() => undefined);
      await store.close();
      await drop();
    },
  };
});

describe('PostgresLeaseLock (adapter specifics)', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('ends a fenced unit whose process stopped answering, so the name passes on and nothing of the unit commits', async () => {
    const { connection, drop } = await createTestConnection('leases');
    const store = new PostgresDocumentStore(connection, { fencedIdleTimeoutMs: 300 });
    // A frozen holder: it never renews and its clock does not move.
    const frozen = new PostgresLeaseLock(connection, { ttlMs: 300, renewEveryMs: 60_000, clock: new MovableClock().now });
    // The standby's own lease outlives the wait for the frozen unit even when renewals run late on a loaded machine.
    const standby = new PostgresLeaseLock(connection, { ttlMs: 10_000 });
    try {
      await store.init();
      await store.ensureCollection({ name: 'notes', indexes: {} });
      const lease = await frozen.tryAcquire('stuck');
      const unit = store.unitOfWork(async (uow) => {
        await uow.fence(lease!);
        await uow.upsert('notes', 'before', {});
        await sleep(1500); // the process is frozen with its unit open
        await uow.upsert('notes', 'after', {});
      });
      unit.catch(() => undefined);
      const startedAt = Date.now();
      let next = await standby.tryAcquire('stuck');
      while (!next && Date.now() - startedAt < 1200) {
        await sleep(20);
        next = await standby.tryAcquire('stuck');
      }
      expect(next).not.toBeNull(); // before the frozen unit even tried to go on
      expect(next!.token).toBeGreaterThan(lease!.token);
      await expect(unit).rejects.toThrow();
      expect(await store.get('notes', 'before')).toBeNull();
      expect(await store.get('notes', 'after')).toBeNull();
      // The pool dropped the ended session; the next unit works.
      await store.unitOfWork(async (uow) => {
        await uow.fence(next!);
        await uow.upsert('notes', 'next', {});
      });
      expect(await store.get('notes', 'next')).not.toBeNull();
    } finally {
      await frozen.close();
      await standby.close();
      await drop();
    }
  });

  it('keeps the leases of different schemas apart', async () => {
    const [one, two] = [await createTestConnection('leases'), await createTestConnection('leases')];
    const locks = [new PostgresLeaseLock(one.connection), new PostgresLeaseLock(two.connection)];
    try {
      expect(await locks[0]!.tryAcquire('same')).not.toBeNull();
      expect(await locks[1]!.tryAcquire('same')).not.toBeNull();
    } finally {
      for (const lock of locks) await lock.close();
      await one.drop();
      await two.drop();
    }
  });
});
