import { randomBytes } from 'node:crypto';
import { deploymentNames } from '@broker/contracts';
import { isTransientKurrentDbError } from '@broker/kurrentdb';
import { TEST_DATABASE_URL } from '@broker/postgres/testing';
import { Client } from 'pg';
import { openServiceStores } from './open-service-stores';

jest.setTimeout(60_000);

/**
 * The stores a configuration names, opened for real: PostgreSQL here; KurrentDB and MongoDB adapters are loaded and
 * tried when their URLs are set (no such servers here: a closed port shows that the adapter was chosen and that an
 * unreachable store stops the start with its own error, leaving nothing open).
 */
describe('openServiceStores', () => {
  const deployment = `stores_${randomBytes(4).toString('hex')}`;
  const names = deploymentNames(deployment);

  afterAll(async () => {
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${names.schema('catalog')}" CASCADE`);
    await client.end();
  });

  it('opens both stores on PostgreSQL by default, migrated, with a postgres health check', async () => {
    const stores = await openServiceStores({ service: 'catalog', names, settings: { DATABASE_URL: TEST_DATABASE_URL, SCHEMA_MIGRATIONS: 'apply' } });
    try {
      expect(stores.backends).toEqual({ events: { kind: 'postgres', url: TEST_DATABASE_URL }, documents: { kind: 'postgres', url: TEST_DATABASE_URL } });
      expect(Object.keys(stores.healthChecks)).toEqual(['postgres']);
      expect(await stores.healthChecks.postgres!()).toEqual({ status: 'up' });
      expect(stores.migrations.map((report) => report.version)).toEqual([2]);
      await stores.eventStore.appendToStream('order-1', [{ id: randomBytes(8).toString('hex'), type: 'Placed', data: {} }], 'no_stream');
      expect(await stores.eventStore.readStream('order-1')).toHaveLength(1);
    } finally {
      await stores.close();
    }
  });

  it('verifies without migrating: a schema nobody migrated stops the start, naming the command', async () => {
    const other = deploymentNames(`stores_${randomBytes(4).toString('hex')}`);
    await expect(openServiceStores({ service: 'billing', names: other, settings: { DATABASE_URL: TEST_DATABASE_URL, SCHEMA_MIGRATIONS: 'verify' } })).rejects.toThrow(
      /lacks 2 migration\(s\).*npm run migrate/,
    );
  });

  it('chooses the KurrentDB adapter for a kurrentdb:// EVENT_STORE_URL, and an unreachable server stops the start', async () => {
    const started = Date.now();
    const opening = openServiceStores({
      service: 'catalog',
      names,
      settings: { DATABASE_URL: TEST_DATABASE_URL, EVENT_STORE_URL: 'kurrentdb://127.0.0.1:1?tls=false', SCHEMA_MIGRATIONS: 'apply' },
    });
    const error = await opening.then(() => null, (failure: unknown) => failure);
    // The KurrentDB client's own error, which the runtime counts as transient (the supervisor starts it again).
    expect(error?.constructor.name).toBe('UnavailableError');
    expect(isTransientKurrentDbError(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('chooses the MongoDB adapter for a mongodb:// READ_STORE_URL, and an unreachable server stops the start', async () => {
    const opening = openServiceStores({
      service: 'catalog',
      names,
      settings: { DATABASE_URL: TEST_DATABASE_URL, READ_STORE_URL: 'mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=500', SCHEMA_MIGRATIONS: 'apply' },
    });
    await expect(opening).rejects.toMatchObject({ name: 'MongooseServerSelectionError' });
  });
});
