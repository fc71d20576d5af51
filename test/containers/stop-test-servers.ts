import type { TestServers } from './test-servers';

/** Jest's global teardown for jest.containers.config.js: stops and removes the containers. */
export default async function stopTestServersForJest(): Promise<void> {
  await (globalThis as { testServers?: TestServers }).testServers?.stop();
}
