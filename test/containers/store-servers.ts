// Relative: jest loads a global setup without its moduleNameMapper.
import { freeLoopbackPort } from '../../libs/platform/src/network/free-port';
import type { StartedTestContainer } from 'testcontainers';

/** The official images the KurrentDB and MongoDB contract suites run against (docker-compose.yml pins the same). */
export const KURRENTDB_IMAGE = 'kurrentplatform/kurrentdb:26.1.1';
export const MONGODB_IMAGE = 'mongo:8.0.13';

export interface StoreServer {
  url: string;
  stop(): Promise<void>;
}

export interface StoreServers {
  kurrentdb?: StoreServer;
  mongodb?: StoreServer;
  /** One line per suite that cannot run, with the reason (an image that cannot be pulled, no engine). */
  notRun: string[];
  stop(): Promise<void>;
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 300);
}

/** KurrentDB, single node, in memory, without TLS, on a free loopback port of the host's network. */
async function startKurrentDb(): Promise<StoreServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const port = await freeLoopbackPort();
  const container = await new GenericContainer(KURRENTDB_IMAGE)
    .withNetworkMode('host')
    .withEnvironment({
      KURRENTDB_INSECURE: 'true',
      KURRENTDB_MEM_DB: 'true',
      KURRENTDB_RUN_PROJECTIONS: 'None',
      KURRENTDB_NODE_IP: '127.0.0.1',
      KURRENTDB_NODE_PORT: String(port),
      KURRENTDB_REPLICATION_IP: '127.0.0.1',
    })
    .withWaitStrategy(Wait.forLogMessage(/IS LEADER/))
    .withStartupTimeout(120_000)
    .start();
  return { url: `kurrentdb://127.0.0.1:${port}?tls=false`, stop: () => container.stop({ remove: true }).then(() => undefined) };
}

/** MongoDB as a single-node replica set (transactions need one), initiated under its loopback address. */
async function startMongoDb(): Promise<StoreServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const port = await freeLoopbackPort();
  const container: StartedTestContainer = await new GenericContainer(MONGODB_IMAGE)
    .withNetworkMode('host')
    .withCommand(['--replSet', 'rs0', '--bind_ip', '127.0.0.1', '--port', String(port)])
    .withWaitStrategy(Wait.forLogMessage(/Waiting for connections/))
    .withStartupTimeout(120_000)
    .start();
  try {
    const shell = (script: string) => container.exec(['mongosh', '--quiet', '--port', String(port), '--eval', script]);
    await shell(`rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: '127.0.0.1:${port}' }] })`);
    const deadline = Date.now() + 60_000;
    while (!(await shell('db.hello().isWritablePrimary')).output.includes('true')) {
      if (Date.now() > deadline) throw new Error('the replica set elected no primary within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } catch (error) {
    await container.stop({ remove: true }).catch(() => undefined);
    throw error;
  }
  return { url: `mongodb://127.0.0.1:${port}/?replicaSet=rs0&directConnection=true`, stop: () => container.stop({ remove: true }).then(() => undefined) };
}

/**
 * Starts what it can of KurrentDB and MongoDB through Testcontainers; a server that cannot be started (no engine,
 * an image that cannot be pulled) is reported in `notRun`, so its suite says why it was skipped.
 */
export async function startStoreServers(): Promise<StoreServers> {
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
  const servers: StoreServers = { notRun: [], stop: async () => undefined };
  const [kurrentdb, mongodb] = await Promise.allSettled([startKurrentDb(), startMongoDb()]);
  if (kurrentdb.status === 'fulfilled') servers.kurrentdb = kurrentdb.value;
  else servers.notRun.push(`KurrentDB event-store contract suite: not run: Testcontainers could not start ${KURRENTDB_IMAGE} here (${reasonOf(kurrentdb.reason)})`);
  if (mongodb.status === 'fulfilled') servers.mongodb = mongodb.value;
  else servers.notRun.push(`MongoDB document-store contract suite: not run: Testcontainers could not start ${MONGODB_IMAGE} here (${reasonOf(mongodb.reason)})`);
  servers.stop = async () => {
    await Promise.allSettled([servers.kurrentdb?.stop(), servers.mongodb?.stop()]);
  };
  return servers;
}
