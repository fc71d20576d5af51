import { describeEventStoreContract } from './event-store-contract';
import { InMemoryEventStore } from './in-memory-event-store';

describeEventStoreContract('InMemoryEventStore', async () => {
  const store = new InMemoryEventStore();
  return { store, teardown: () => store.close() };
});
