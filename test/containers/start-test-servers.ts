import { startTestServers, type TestServers } from './test-servers';

/** Jest's global setup for jest.containers.config.js: the suites find the servers through the environment. */
export default async function startTestServersForJest(): Promise<void> {
  const started = Date.now();
  const servers = await startTestServers();
  (globalThis as { testServers?: TestServers }).testServers = servers;
  process.env.TEST_DATABASE_URL = servers.databaseUrl;
  process.env.DATABASE_URL = servers.databaseUrl;
  process.env.NATS_URL = servers.natsUrl;
  process.env.TEST_NATS_URL = servers.natsUrl;
  console.log(`\nTestcontainers: PostgreSQL at ${servers.databaseUrl} and NATS at ${servers.natsUrl}, started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
