// A consumer process for the crash test (integration-event-consumer.crash.int-spec.ts): it runs the COMPILED
// libraries (dist/, found through NODE_PATH=dist/node_modules) so the test can SIGKILL a real process mid-batch.
// Every message adds 1 to its own counter document and to a total, inside the consumer's unit of work.
// Plain JavaScript on purpose: test kits are not compiled by the production build.
'use strict';
require('reflect-metadata');
const { deploymentNames } = require('@broker/contracts');
const { IntegrationEventConsumer } = require('@broker/messaging');
const { PostgresConnection, PostgresDocumentStore } = require('@broker/postgres');
const { connect } = require('nats');

const EFFECTS = { name: 'effects', indexes: {} };

async function main() {
  const env = process.env;
  const names = deploymentNames(env.CHILD_DEPLOYMENT);
  const connection = new PostgresConnection({ databaseUrl: env.CHILD_DATABASE_URL, schema: env.CHILD_SCHEMA, maxConnections: 3 });
  const documentStore = new PostgresDocumentStore(connection);
  await documentStore.init();
  await documentStore.ensureCollection(EFFECTS);
  const nats = await connect({ servers: env.CHILD_NATS_URL });
  const delayMs = Number(env.CHILD_DELAY_MS ?? '30');

  const bump = async (uow, id) => {
    const current = await uow.get(EFFECTS.name, id);
    await uow.upsert(EFFECTS.name, id, { count: (current ? current.data.count : 0) + 1 });
  };
  const consumer = new IntegrationEventConsumer({
    names,
    service: 'billing',
    consumer: env.CHILD_CONSUMER,
    filterSubject: names.eventSubjectsOf('catalog'),
    documentStore,
    nats,
    batchSize: 10,
    ackWaitMs: Number(env.CHILD_ACK_WAIT_MS ?? '2000'),
    handlers: {
      'catalog.counted.v1': async (envelope, uow) => {
        await bump(uow, `msg-${envelope.id}`);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        await bump(uow, 'total');
      },
    },
  });
  await consumer.start();
  process.stdout.write('ready\n');

  process.once('SIGTERM', () => {
    void (async () => {
      await consumer.stop();
      await nats.close();
      await documentStore.close();
      await connection.close();
      process.exit(0);
    })();
  });
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
  process.exit(1);
});
