import { connect, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { ensureDatabase } from '@broker/postgres';
import { checkNats, checkPostgres, runHealthChecks } from './health-checks';

const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/broker_test';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

describe('health checks against real PostgreSQL and NATS', () => {
  let pool: Pool;
  let nats: NatsConnection;

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    pool = new Pool({ connectionString: databaseUrl, max: 1 });
    nats = await connect({ servers: natsUrl });
  });

  afterAll(async () => {
    await pool?.end();
    if (nats && !nats.isClosed()) await nats.close();
  });

  it('reports both up', async () => {
    const report = await runHealthChecks({
      postgres: () => checkPostgres(pool),
      nats: () => checkNats(nats),
    });
    expect(report).toEqual({ status: 'ok', checks: { postgres: { status: 'up' }, nats: { status: 'up' } } });
  });

  it('reports a database that refuses connections as down', async () => {
    const unreachable = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none', max: 1 });
    unreachable.on('error', () => undefined);
    try {
      const result = await checkPostgres(unreachable, { timeoutMs: 3000 });
      expect(result.status).toBe('down');
      expect(result.detail).toBeTruthy();
    } finally {
      await unreachable.end();
    }
  });

  it('reports a query that does not answer in time as down', async () => {
    const slow = { query: () => new Promise<never>(() => undefined) };
    expect(await checkPostgres(slow, { timeoutMs: 50 })).toEqual({ status: 'down', detail: 'no answer within 50 ms' });
  });

  it('reports a closed NATS connection as down, and the whole report as error', async () => {
    const other = await connect({ servers: natsUrl });
    await other.close();
    const report = await runHealthChecks({ postgres: () => checkPostgres(pool), nats: () => checkNats(other) });
    expect(report.status).toBe('error');
    expect(report.checks.nats).toEqual({ status: 'down', detail: 'connection closed' });
    expect(report.checks.postgres).toEqual({ status: 'up' });
  });
});
