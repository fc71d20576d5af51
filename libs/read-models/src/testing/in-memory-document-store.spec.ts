import { describeDocumentStoreContract } from './document-store-contract';
import { InMemoryDocumentStore } from './in-memory-document-store';

describeDocumentStoreContract('in memory', async () => {
  const store = new InMemoryDocumentStore();
  return { store, teardown: () => store.close() };
});
