// A projection runner process for the lease failover test (leases/lease-failover.int-spec.ts): it runs the COMPILED
// libraries (dist/, found through NODE_PATH=dist/node_modules), so the test can SIGSTOP and SIGCONT a real process.
// It can pause after reading a batch (CHILD_READ_PAUSE_MS) or inside each batch's unit of work before the commit
// (CHILD_UNIT_PAUSE_MS), the way a slow batch would, and reports both, so the test can stop it at either point.
// It reports on stdout, one JSON object per line.
// Plain JavaScript on purpose: test kits are not compiled by the production build.
'use strict';
const { PostgresConnection, PostgresDocumentStore, PostgresEventStore, PostgresLeaseLock } = require('@broker/postgres');
const { ProjectionRunner } = require('@broker/read-models');

const env = process.env;
const report = (event, fields = {}) => process.stdout.write(`${JSON.stringify({ event, at: Date.now(), ...fields })}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One document per stream: how many `Counted` events it saw and their sum. */
const counters = {
  name: 'counters',
  version: Number(env.CHILD_VERSION ?? '1'),
  handles: ['Counted'],
  documentId: (event) => event.streamId,
  evolve: (doc, event) => ({ count: (doc ? doc.count : 0) + 1, total: (doc ? doc.total : 0) + event.data.amount }),
};

/** The event store, pausing after each read that found events. */
function pausingReads(inner, pauseMs) {
  return {
    appendToStream: (...args) => inner.appendToStream(...args),
    readStream: (...args) => inner.readStream(...args),
    waitForEvents: (...args) => inner.waitForEvents(...args),
    close: () => inner.close(),
    async readAll(options) {
      const result = await inner.readAll(options);
      if (pauseMs > 0 && result.events.length > 0) {
        report('read', { count: result.events.length });
        await sleep(pauseMs);
      }
      return result;
    },
  };
}

/** The document store, reporting every unit of work the runner commits or loses. */
function reportingStore(inner, pauseMs) {
  return {
    get checkpoints() {
      return inner.checkpoints;
    },
    ensureCollection: (definition) => inner.ensureCollection(definition),
    get: (collection, id) => inner.get(collection, id),
    find: (collection, query) => inner.find(collection, query),
    upsert: (collection, id, data, expected) => inner.upsert(collection, id, data, expected),
    delete: (collection, id) => inner.delete(collection, id),
    clear: (collection) => inner.clear(collection),
    close: () => inner.close(),
    async unitOfWork(work) {
      let checkpoint = null;
      try {
        const result = await inner.unitOfWork(async (uow) => {
          const saving = {
            inbox: uow.inbox,
            fence: (lease) => uow.fence(lease),
            get: (collection, id) => uow.get(collection, id),
            find: (collection, query) => uow.find(collection, query),
            upsert: (collection, id, data, expected) => uow.upsert(collection, id, data, expected),
            delete: (collection, id) => uow.delete(collection, id),
            clear: (collection) => uow.clear(collection),
            checkpoints: {
              read: (name) => uow.checkpoints.read(name),
              save: (name, next, expected, fence) => {
                checkpoint = next;
                return uow.checkpoints.save(name, next, expected, fence);
              },
            },
          };
          const value = await work(saving);
          report('unit-open', { checkpoint });
          await sleep(pauseMs);
          return value;
        });
        report('committed', { checkpoint });
        return result;
      } catch (error) {
        report('unit-failed', { code: error && error.code, message: error && error.message });
        throw error;
      }
    },
  };
}

async function main() {
  const connection = new PostgresConnection({ databaseUrl: env.CHILD_DATABASE_URL, schema: env.CHILD_SCHEMA, maxConnections: 4 });
  const eventStore = new PostgresEventStore(connection);
  await eventStore.init();
  const documents = new PostgresDocumentStore(connection, { fencedIdleTimeoutMs: Number(env.CHILD_FENCED_IDLE_MS) });
  await documents.init();
  const leaderLock = new PostgresLeaseLock(connection, { ttlMs: Number(env.CHILD_TTL_MS) });
  const log = (level) => (context, message) => report('log', { level, message, code: context.err && context.err.code });
  const runner = new ProjectionRunner({
    projection: counters,
    eventStore: pausingReads(eventStore, Number(env.CHILD_READ_PAUSE_MS ?? '0')),
    documentStore: reportingStore(documents, Number(env.CHILD_UNIT_PAUSE_MS ?? '0')),
    leaderLock,
    batchSize: 20,
    idleWaitMs: 100,
    retryDelayMs: 50,
    maxRetryDelayMs: 200,
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
  });
  runner.start();
  report('ready', { pid: process.pid });

  process.once('SIGTERM', () => {
    void (async () => {
      await runner.stop();
      await leaderLock.close();
      await eventStore.close();
      await connection.close();
      process.exit(0);
    })();
  });
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
  process.exit(1);
});
