// Relative: jest loads a global setup without its moduleNameMapper.
import { freeLoopbackPort } from '../../libs/platform/src/network/free-port';
import type { StartedTestContainer } from 'testcontainers';

/**
 * PostgreSQL and NATS (JetStream) for the integration suites, started by Testcontainers on the host's network, each
 * on a free loopback port. TEST_SERVER_IMAGES=debian uses images built from Debian's packages
 * (deploy/local/test-server-images.sh: where nothing can be pulled); otherwise the official images.
 */
export interface TestServers {
  databaseUrl: string;
  natsUrl: string;
  stop(): Promise<void>;
}

export async function startTestServers(): Promise<TestServers> {
  // No reaper (its image cannot be pulled everywhere): stop() removes the containers, and CI removes any left by label.
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
  const { GenericContainer, Wait } = await import('testcontainers');
  const debian = process.env.TEST_SERVER_IMAGES === 'debian';
  const [pgPort, natsPort] = [await freeLoopbackPort(), await freeLoopbackPort()];

  const postgres = debian
    ? new GenericContainer('local/postgres:15').withEnvironment({ PGPORT: String(pgPort) })
    : new GenericContainer('postgres:15')
        .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
        .withCommand(['postgres', '-c', `port=${pgPort}`, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200']);
  const nats = debian
    ? new GenericContainer('local/nats:2.9').withEnvironment({ NATS_PORT: String(natsPort) })
    : new GenericContainer('nats:2.10').withCommand(['-a', '127.0.0.1', '-p', String(natsPort), '-js']);

  const started: StartedTestContainer[] = [];
  const stop = async (): Promise<void> => {
    await Promise.allSettled(started.splice(0).map((container) => container.stop({ remove: true })));
  };
  try {
    // The official image restarts once after its first initialisation: wait for the second "ready".
    started.push(
      await postgres
        .withNetworkMode('host')
        .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, debian ? 1 : 2))
        .withStartupTimeout(120_000)
        .start(),
    );
    started.push(await nats.withNetworkMode('host').withWaitStrategy(Wait.forLogMessage(/Server is ready/)).withStartupTimeout(60_000).start());
  } catch (error) {
    await stop();
    throw error;
  }
  return { databaseUrl: `postgres://postgres@127.0.0.1:${pgPort}/broker_test`, natsUrl: `nats://127.0.0.1:${natsPort}`, stop };
}
