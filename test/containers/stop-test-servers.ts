import type { StoreServers } from './store-servers';
import type { TestServers } from './test-servers';

/** Jest's global teardown for jest.containers.config.js: stops and removes the containers. */
export default async function stopTestServersForJest(): Promise<void> {
  const global = globalThis as { testServers?: TestServers; storeServers?: StoreServers | null };
  await Promise.allSettled([global.testServers?.stop(), global.storeServers?.stop()]);
}
