import { InMemoryDocumentStore } from './in-memory-document-store';
import { InMemoryLeaderLock, InMemoryLockRegistry } from './in-memory-leader-lock';
import { describeLeaderLockContract } from './leader-lock-contract';

describeLeaderLockContract('in memory', async () => {
  const registry = new InMemoryLockRegistry();
  const store = new InMemoryDocumentStore({ leases: registry });
  return {
    store,
    contender: (options) => new InMemoryLeaderLock(registry, options),
    stallRenewals: async (name) => {
      const resume = registry.stallRenewals(name);
      return async () => resume();
    },
    teardown: () => store.close(),
  };
});
