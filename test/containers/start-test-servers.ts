import { startStoreServers, type StoreServers } from './store-servers';
import { startTestServers, type TestServers } from './test-servers';

/**
 * Jest's global setup for jest.containers.config.js: the suites find the servers through the environment.
 * KurrentDB and MongoDB are started too where their official images can be pulled (TEST_STORE_SERVERS=none skips
 * them); their contract suites run when KURRENTDB_URL / MONGODB_URL are set, and say why not otherwise.
 */
export default async function startTestServersForJest(): Promise<void> {
  const started = Date.now();
  const [servers, stores] = await Promise.all([
    startTestServers(),
    process.env.TEST_STORE_SERVERS === 'none' ? Promise.resolve<StoreServers | null>(null) : startStoreServers(),
  ]);
  const global = globalThis as { testServers?: TestServers; storeServers?: StoreServers | null };
  global.testServers = servers;
  global.storeServers = stores;
  process.env.TEST_DATABASE_URL = servers.databaseUrl;
  process.env.DATABASE_URL = servers.databaseUrl;
  process.env.NATS_URL = servers.natsUrl;
  process.env.TEST_NATS_URL = servers.natsUrl;
  if (stores?.kurrentdb) process.env.KURRENTDB_URL = stores.kurrentdb.url;
  if (stores?.mongodb) process.env.MONGODB_URL = stores.mongodb.url;
  const extra = [stores?.kurrentdb ? `KurrentDB at ${stores.kurrentdb.url}` : '', stores?.mongodb ? `MongoDB at ${stores.mongodb.url}` : ''].filter(Boolean);
  console.log(
    `\nTestcontainers: PostgreSQL at ${servers.databaseUrl} and NATS at ${servers.natsUrl}${extra.length ? `, ${extra.join(', ')}` : ''}, started in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  for (const line of stores?.notRun ?? []) console.log(line);
}
