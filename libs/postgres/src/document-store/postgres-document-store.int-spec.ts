import { describeDocumentStoreContract } from '@broker/read-models/testing';
import { PostgresConnection } from '../connection/postgres-connection';
import { createTestConnection, createTestSchema } from '../testing/test-schema';
import { PostgresDocumentStore } from './postgres-document-store';

describeDocumentStoreContract('PostgreSQL', async () => {
  const { connection, drop } = await createTestConnection('docs');
  const store = new PostgresDocumentStore(connection);
  await store.init();
  return {
    store,
    async teardown() {
      await store.close();
      await drop();
    },
  };
});

describe('PostgresDocumentStore (adapter specifics)', () => {
  it('initialises and declares collections safely when several processes start at once', async () => {
    const test = await createTestSchema('docs');
    const connections = Array.from(
      { length: 4 },
      () => new PostgresConnection({ databaseUrl: test.databaseUrl, schema: test.schema, maxConnections: 2 }),
    );
    try {
      const stores = connections.map((connection) => new PostgresDocumentStore(connection));
      await Promise.all(stores.map((store) => store.init())); // the schema does not exist yet
      const definition = { name: 'orders_v1', indexes: { status: 'string' as const, amount: 'number' as const } };
      await Promise.all(stores.map((store) => store.ensureCollection(definition)));
      await Promise.all(stores.map((store) => store.init()));
      const indexes = await connections[0]!.pool.query(`SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = 'rm_documents'`, [
        test.schema,
      ]);
      expect(indexes.rows.filter((row: { indexname: string }) => row.indexname.startsWith('rm_orders_v1_'))).toHaveLength(2);
    } finally {
      await Promise.all(connections.map((connection) => connection.close()));
      await test.drop();
    }
  });

  it('answers find from the stored definition on an instance that never ensured the collection', async () => {
    const { connection, drop } = await createTestConnection('docs');
    const replica = new PostgresConnection({ databaseUrl: connection.databaseUrl, schema: connection.schema, maxConnections: 2 });
    try {
      const writer = new PostgresDocumentStore(connection);
      await writer.init();
      await writer.ensureCollection({ name: 'users_v1', indexes: { email: 'string' } });
      await writer.upsert('users_v1', 'u1', { email: 'b@example.com' });
      await writer.upsert('users_v1', 'u2', { email: 'a@example.com' });
      const reader = new PostgresDocumentStore(replica);
      const found = await reader.find('users_v1', { sort: { field: 'email', direction: 'asc' } });
      expect(found.items.map((d) => d.id)).toEqual(['u2', 'u1']);
      await expect(reader.find('users_v1', { where: { name: 'x' } })).rejects.toMatchObject({ code: 'READ_MODEL.UNKNOWN_INDEX' });
      await expect(reader.upsert('users_v1', 'u3', { email: 3 })).rejects.toMatchObject({ code: 'READ_MODEL.INVALID_DOCUMENT' });
    } finally {
      await replica.close();
      await drop();
    }
  });
});

describe('PostgresDocumentStore unit of work', () => {
  it('fails instead of reporting success when a statement inside it failed and was caught', async () => {
    const { connection, drop } = await createTestConnection('docs');
    try {
      const store = new PostgresDocumentStore(connection);
      await store.init();
      await store.ensureCollection({ name: 'notes', indexes: {} });
      await expect(
        store.unitOfWork(async (uow) => {
          await uow.upsert('notes', 'good', { text: 'fine' });
          // PostgreSQL's jsonb refuses \u0000; the statement fails and aborts the transaction.
          await uow.upsert('notes', 'bad', { text: 'nul \u0000 byte' }).catch(() => undefined);
          return 'looks fine';
        }),
      ).rejects.toMatchObject({ code: 'READ_MODEL.UNIT_OF_WORK_ABORTED' });
      expect(await store.get('notes', 'good')).toBeNull();
      // the pool's client is healthy again
      expect(await store.unitOfWork((uow) => uow.upsert('notes', 'good', { text: 'fine' }))).toMatchObject({ version: 1 });
    } finally {
      await drop();
    }
  });
});
