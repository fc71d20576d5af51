import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { event } from '@broker/contracts';
import { buildCompiledLibraries, compiledLibrariesEnv, REPOSITORY_ROOT as ROOT } from '@broker/platform/testing';
import { PostgresDocumentStore, type PostgresConnection } from '@broker/postgres';
import { createTestConnection } from '@broker/postgres/testing';
import { createTestDeployment, TEST_NATS_URL, waitUntil, type TestDeployment } from '../testing/jetstream-test-kit';
import { integrationEnvelope } from '../testing/integration-envelope';
import { encodeEnvelope } from './integration-event-codec';
import { PARKED_MESSAGES_COLLECTION, UNFINISHED_DELIVERIES_COLLECTION, type ParkedMessage } from './parked-messages';

const CHILD = join(ROOT, 'libs/messaging/src/testing/poison-consumer.child.js');
// The child's consumer (plain JavaScript) counts it; the payload says how to fail, so it is anything here.
const COUNTED = event<Record<string, unknown>>('catalog.counted.v1');
const CONSUMER = 'poison';
const MAX_DELIVER = 3;

describe('IntegrationEventConsumer on a message that kills its process every time (child process, restarted)', () => {
  let deployment: TestDeployment;
  let database: { connection: PostgresConnection; drop(): Promise<void> };
  let documentStore: PostgresDocumentStore;
  let supervising = false;
  let current: ChildProcess | null = null;
  let deaths = 0;
  let childOutput = '';

  beforeAll(() => buildCompiledLibraries('libs/messaging/src/jetstream/integration-event-consumer.js'), 300_000);

  beforeEach(async () => {
    deployment = await createTestDeployment();
    database = await createTestConnection('poison');
    documentStore = new PostgresDocumentStore(database.connection);
    await documentStore.init();
    deaths = 0;
    childOutput = '';
  });

  afterEach(async () => {
    supervising = false;
    const child = current;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGKILL');
      await exited;
    }
    await documentStore.close();
    await database.drop();
    await deployment.cleanup();
  });

  /** Starts the child and starts it again whenever it dies, as `npm start` and container runtimes do. */
  function supervise(): void {
    supervising = true;
    const start = (): void => {
      const child = spawn(process.execPath, [CHILD], {
        cwd: ROOT,
        env: compiledLibrariesEnv({
          CHILD_DEPLOYMENT: deployment.names.deployment,
          CHILD_SCHEMA: database.connection.schema,
          CHILD_DATABASE_URL: database.connection.databaseUrl,
          CHILD_NATS_URL: TEST_NATS_URL,
          CHILD_CONSUMER: CONSUMER,
          CHILD_MAX_DELIVER: String(MAX_DELIVER),
          CHILD_ACK_WAIT_MS: '1000',
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      current = child;
      child.stdout!.on('data', (chunk: Buffer) => (childOutput += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (childOutput += chunk.toString()));
      child.once('exit', (code) => {
        if (code === 3) deaths++;
        if (supervising && deaths < 20) setTimeout(start, 100);
      });
    };
    start();
  }

  async function publish(extra: Record<string, unknown>): Promise<string> {
    const envelope = integrationEnvelope(COUNTED, extra, { correlationId: 'poison-test', causationId: 'poison-test' });
    await deployment.nats.jetstream().publish(deployment.names.eventSubject(envelope.type), encodeEnvelope(envelope), { msgID: envelope.id });
    return envelope.id;
  }

  async function countOf(id: string): Promise<number> {
    return (await documentStore.get<{ count: number }>('effects', `msg-${id}`).catch(() => null))?.data.count ?? 0;
  }

  it('parks the message after maxDeliver runs that all died, applies its batch neighbours and what came meanwhile exactly once', async () => {
    const poison = await publish({ poison: true });
    // Published with it, so they share its batch and are redelivered with it after every death.
    const neighbours: string[] = [];
    for (let i = 0; i < 4; i++) neighbours.push(await publish({ n: i }));

    supervise();
    await waitUntil(() => deaths >= 1, 'the first death on the poison message', 30_000);
    const meanwhile: string[] = [];
    for (let i = 0; i < 3; i++) meanwhile.push(await publish({ m: i }));

    const parkedId = `${deployment.names.consumerName('billing', CONSUMER)}:${poison}`;
    await waitUntil(
      async () => (await documentStore.get(PARKED_MESSAGES_COLLECTION.name, parkedId).catch(() => null)) !== null,
      `the poison message to be parked (deaths so far: ${deaths})`,
      90_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; deaths: ${deaths}\n${childOutput.slice(-3000)}`);
    });
    const consumerName = deployment.names.consumerName('billing', CONSUMER);
    await waitUntil(
      async () => {
        const info = await deployment.jsm.consumers.info(deployment.names.eventStream, consumerName);
        return info.num_pending === 0 && info.num_ack_pending === 0;
      },
      'every message to be acknowledged or terminated',
      30_000,
    );

    expect(deaths).toBe(MAX_DELIVER);
    const parked = (await documentStore.get<ParkedMessage>(PARKED_MESSAGES_COLLECTION.name, parkedId))!.data;
    expect(parked).toMatchObject({ consumer: consumerName, messageId: poison, attempts: MAX_DELIVER, error: { code: 'CONSUMER.HANDLER_NEVER_FINISHED' } });
    for (const id of [...neighbours, ...meanwhile]) expect(await countOf(id)).toBe(1);
    // Nothing else parked, and no mark of an unfinished run is left behind.
    expect((await documentStore.find(PARKED_MESSAGES_COLLECTION.name, { limit: 50 })).items).toHaveLength(1);
    expect((await documentStore.find(UNFINISHED_DELIVERIES_COLLECTION.name, { limit: 50 })).items).toHaveLength(0);
    // The process that parked it lives on.
    expect(current!.exitCode).toBeNull();
  }, 180_000);
});
