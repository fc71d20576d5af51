// A consumer process for the poison test (integration-event-consumer.poison.int-spec.ts): it runs the COMPILED
// libraries (dist/, found through NODE_PATH=dist/node_modules) and exits inside the handler whenever it meets a
// message marked `poison`, as a process brought down by a message would. Every other message adds 1 to its own
// counter document inside the consumer's unit of work.
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

  const consumer = new IntegrationEventConsumer({
    names,
    service: 'billing',
    consumer: env.CHILD_CONSUMER,
    filterSubject: names.eventSubjectsOf('catalog'),
    documentStore,
    nats,
    batchSize: 10,
    maxDeliver: Number(env.CHILD_MAX_DELIVER ?? '3'),
    ackWaitMs: Number(env.CHILD_ACK_WAIT_MS ?? '1000'),
    handlers: {
      'catalog.counted.v1': async (envelope, uow) => {
        if (envelope.data.poison) {
          process.stdout.write(`dying on ${envelope.id}\n`);
          process.exit(3);
        }
        const id = `msg-${envelope.id}`;
        const current = await uow.get(EFFECTS.name, id);
        await uow.upsert(EFFECTS.name, id, { count: (current ? current.data.count : 0) + 1 });
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
