import { join } from 'node:path';
import { Client } from 'pg';
import { buildCompiledLibraries, compiledLibrariesEnv, REPOSITORY_ROOT, TestChild } from '@broker/platform/testing';
import { createTestSchema, uniqueName } from '../testing/test-schema';
import { PostgresConnection } from './postgres-connection';
import { transientFailure } from './transient-errors';

// Backends terminated (pg_terminate_backend) under running work, as a PostgreSQL restart or an administrator does.

const CHILD = join(REPOSITORY_ROOT, 'libs/postgres/src/testing/held-work-victim.child.js');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL backends terminated under running work', () => {
  let test: Awaited<ReturnType<typeof createTestSchema>>;
  let admin: Client;
  let child: TestChild | undefined;

  beforeAll(async () => {
    buildCompiledLibraries('libs/postgres/src/connection/resilient-pool.js');
    test = await createTestSchema('faults');
    admin = new Client({ connectionString: test.databaseUrl });
    await admin.connect();
  }, 300_000);

  afterEach(async () => {
    await child?.kill();
    child = undefined;
  });

  afterAll(async () => {
    await admin?.end();
    await test?.drop();
  });

  /** Terminates the one backend of `application` in `state`, once it shows up; answers its pid. */
  async function terminate(application: string, state: 'active' | 'idle in transaction'): Promise<number> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = await admin.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND state = $2 AND pid <> pg_backend_pid()',
        [application, state],
      );
      if (found.rows.length === 1) {
        await admin.query('SELECT pg_terminate_backend($1)', [found.rows[0]!.pid]);
        return found.rows[0]!.pid;
      }
      if (Date.now() > deadline) throw new Error(`no single backend of ${application} in state ${state}: ${JSON.stringify(found.rows)}`);
      await sleep(10);
    }
  }

  async function stored(mode: string, id: string): Promise<boolean> {
    const sql =
      mode === 'transaction'
        ? `SELECT 1 FROM "${test.schema}".victim_rows WHERE id = $1`
        : `SELECT 1 FROM "${test.schema}".rm_documents WHERE collection = 'victims' AND id = $1`;
    return (await admin.query(sql, [id])).rowCount === 1;
  }

  it.each(['unit-of-work', 'transaction'])(
    'a backend terminated during an open %s fails that work only: the process lives on and the next one works',
    async (mode) => {
      const application = uniqueName('victim');
      await admin.query(`DELETE FROM "${test.schema}".victim_rows`).catch(() => undefined);
      child = new TestChild(
        CHILD,
        compiledLibrariesEnv({ CHILD_DATABASE_URL: test.databaseUrl, CHILD_SCHEMA: test.schema, CHILD_APPLICATION: application, CHILD_MODE: mode }),
      );
      await child.waitForOutput(/"step":"holding"/);
      await terminate(application, 'idle in transaction');

      await child.waitForOutput(/"step":"recovered"/, 15_000);
      await sleep(300);
      expect(child.isRunning).toBe(true);
      const lines = child.jsonLines();
      expect(lines.find((line) => line.step === 'failed')).toMatchObject({ transient: true });
      expect(lines.some((line) => line.level === 'warn' && line.msg === 'Database connection lost')).toBe(true);
      expect(await stored(mode, 'held')).toBe(false);
      expect(await stored(mode, 'after')).toBe(true);

      child.process.kill('SIGTERM');
      expect(await child.exit(10_000)).toEqual({ code: 0, signal: null });
    },
    60_000,
  );

  it('tries a plain read again when its backend is terminated, never a write', async () => {
    const application = uniqueName('reader');
    const warnings: Record<string, unknown>[] = [];
    const connection = new PostgresConnection({
      databaseUrl: test.databaseUrl,
      schema: test.schema,
      applicationName: application,
      maxConnections: 2,
      logger: { warn: (fields, msg) => void warnings.push({ ...fields, msg }) },
    });
    try {
      await connection.ensureSchema();
      await connection.pool.query(`CREATE TABLE IF NOT EXISTS ${connection.qschema}.written (id text PRIMARY KEY)`);

      const read = connection.pool.query<{ answer: string }>("SELECT 'forty-two' AS answer FROM pg_sleep(1)");
      await terminate(application, 'active');
      expect((await read).rows).toEqual([{ answer: 'forty-two' }]);
      expect(warnings).toContainEqual(expect.objectContaining({ msg: 'Transient database error; trying again', failure: 'connection-lost', attempt: 1 }));

      warnings.length = 0;
      const write = connection.pool.query(`INSERT INTO ${connection.qschema}.written (id) SELECT 'w' FROM pg_sleep(1)`).catch((error: unknown) => error);
      await terminate(application, 'active');
      const error = await write;
      expect(transientFailure(error)).toBe('connection-lost');
      expect(warnings.filter((w) => w.msg === 'Transient database error; trying again')).toEqual([]);
      expect((await admin.query(`SELECT id FROM ${connection.qschema}.written`)).rows).toEqual([]);

      expect((await connection.pool.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
    } finally {
      await connection.close();
    }
  }, 30_000);
});
