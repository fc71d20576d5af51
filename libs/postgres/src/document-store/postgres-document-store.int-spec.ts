import { describeDocumentStoreContract } from '../../../read-models/src/testing';
import { createTestConnection } from '../testing/test-schema';
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
