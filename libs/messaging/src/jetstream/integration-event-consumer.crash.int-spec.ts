import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { event } from '@broker/contracts';
import { buildCompiledLibraries, compiledLibrariesEnv, REPOSITORY_ROOT as ROOT } from '@broker/platform/testing';
import { PostgresDocumentStore, type PostgresConnection } from '@broker/postgres';
import { createTestConnection } from '@broker/postgres/testing';
import { createTestDeployment, TEST_NATS_URL, waitUntil, type TestDeployment } from '../testing/jetstream-test-kit';
import { integrationEnvelope } from '../testing/integration-envelope';
import { encodeEnvelope } from './integration-event-codec';

// The event the child's consumer (slow-consumer.child.js, plain JavaScript) counts.
const COUNTED = event<{ n: number }>('catalog.counted.v1');

const CHILD = join(ROOT, 'libs/messaging/src/testing/slow-consumer.child.js');
const MESSAGES = 200;
const CONSUMER = 'crash';

describe('IntegrationEventConsumer killed mid-batch (child process, SIGKILL)', () => {
  let deployment: TestDeployment;
  let database: { connection: PostgresConnection; drop(): Promise<void> };
  let documentStore: PostgresDocumentStore;
  const children: ChildProcess[] = [];

  // The child runs the compiled libraries.
  beforeAll(() => buildCompiledLibraries('libs/messaging/src/jetstream/integration-event-consumer.js'), 300_000);

  beforeEach(async () => {
    deployment = await createTestDeployment();
    database = await createTestConnection('crash');
    documentStore = new PostgresDocumentStore(database.connection);
    await documentStore.init();
  });

  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await new Promise((done) => child.once('exit', done));
      }
    }
    await documentStore.close();
    await database.drop();
    await deployment.cleanup();
  });

  function startChild(): Promise<ChildProcess> {
    const child = spawn(process.execPath, [CHILD], {
      cwd: ROOT,
      env: compiledLibrariesEnv({
        CHILD_DEPLOYMENT: deployment.names.deployment,
        CHILD_SCHEMA: database.connection.schema,
        CHILD_DATABASE_URL: database.connection.databaseUrl,
        CHILD_NATS_URL: TEST_NATS_URL,
        CHILD_CONSUMER: CONSUMER,
        CHILD_DELAY_MS: '30',
        CHILD_ACK_WAIT_MS: '2000',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`child did not start:\n${stderr}`)), 30_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) {
          clearTimeout(timer);
          ready(child);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`child exited with ${code}:\n${stderr}`));
      });
    });
  }

  async function total(): Promise<number> {
    return (await documentStore.get<{ count: number }>('effects', 'total').catch(() => null))?.data.count ?? 0;
  }

  it('loses nothing and applies nothing twice across a SIGKILL and a restart', async () => {
    const ids: string[] = [];
    const js = deployment.nats.jetstream();
    for (let i = 0; i < MESSAGES; i++) {
      const envelope = integrationEnvelope(COUNTED, { n: i }, { correlationId: 'crash-test', causationId: 'crash-test' });
      ids.push(envelope.id);
      await js.publish(deployment.names.eventSubject(envelope.type), encodeEnvelope(envelope), { msgID: envelope.id });
    }

    const first = await startChild();
    await waitUntil(async () => (await total()) >= 40, 'the first child to apply some messages', 60_000);
    first.kill('SIGKILL');
    await new Promise((done) => first.once('exit', done));
    const atKill = await total();
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(MESSAGES);
    // Killed mid-batch: the server still counts messages delivered to the dead child and never acknowledged.
    const consumerName = deployment.names.consumerName('billing', CONSUMER);
    const heldByTheDead = (await deployment.jsm.consumers.info(deployment.names.eventStream, consumerName)).num_ack_pending;
    expect(heldByTheDead).toBeGreaterThan(0);

    const second = await startChild();
    // Done when the server holds nothing unacknowledged: what the killed child held has been redelivered and acked.
    await waitUntil(
      async () => {
        const info = await deployment.jsm.consumers.info(deployment.names.eventStream, consumerName);
        return info.num_pending === 0 && info.num_ack_pending === 0;
      },
      'the second child to acknowledge everything',
      90_000,
    );
    second.kill('SIGTERM');
    await new Promise((done) => second.once('exit', done));

    expect(await total()).toBe(MESSAGES);
    const counts = new Map<string, number>();
    let cursor: string | undefined;
    do {
      const page = await documentStore.find<{ count: number }>('effects', { limit: 500, ...(cursor ? { cursor } : {}) });
      for (const item of page.items) counts.set(item.id, item.data.count);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const perMessage = ids.map((id) => counts.get(`msg-${id}`) ?? 0);
    expect(perMessage.filter((c) => c !== 1)).toEqual([]);
    expect(counts.size).toBe(MESSAGES + 1);
  }, 180_000);
});
