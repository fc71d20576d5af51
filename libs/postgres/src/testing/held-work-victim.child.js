// A process that holds a PostgreSQL unit of work or transaction open (for postgres-connection.faults.int-spec.ts):
// the test terminates its backend (pg_terminate_backend) and checks that the process survives and keeps working.
// Runs the COMPILED libraries (dist/, found through NODE_PATH=dist/node_modules). Plain JavaScript on purpose:
// test kits are not compiled by the production build.
//
// Prints one JSON line per step: {"step":"holding"}, {"step":"failed","transient":...,"message":...},
// {"step":"recovered"}; the pool's own warnings are printed as JSON lines too. Exits 0 on SIGTERM.
'use strict';
require('reflect-metadata');
const { isTransientDatabaseError, PostgresConnection, PostgresDocumentStore } = require('@broker/postgres');

const print = (fields) => process.stdout.write(`${JSON.stringify(fields)}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const VICTIMS = { name: 'victims', indexes: {} };

async function main() {
  const { CHILD_DATABASE_URL: databaseUrl, CHILD_SCHEMA: schema, CHILD_APPLICATION: applicationName, CHILD_MODE: mode } = process.env;
  const logger = { warn: (fields, msg) => print({ level: 'warn', ...fields, msg }) };
  const connection = new PostgresConnection({ databaseUrl, schema, applicationName, maxConnections: 3, logger });
  const store = new PostgresDocumentStore(connection);
  await store.init();
  await store.ensureCollection(VICTIMS);
  await connection.pool.query(`CREATE TABLE IF NOT EXISTS ${connection.qschema}.victim_rows (id text PRIMARY KEY)`);

  // Writes, then stays idle in its transaction (statements 50 ms apart) until its backend is gone.
  const holdOpen = async (write, read) => {
    await write('held');
    print({ step: 'holding' });
    for (let i = 0; i < 200; i++) {
      await sleep(50);
      await read();
    }
    throw new Error('the backend was never terminated');
  };
  const hold =
    mode === 'transaction'
      ? () =>
          connection.transaction((client) =>
            holdOpen(
              (id) => client.query(`INSERT INTO ${connection.qschema}.victim_rows (id) VALUES ($1)`, [id]),
              () => client.query('SELECT 1'),
            ),
          )
      : () =>
          store.unitOfWork((uow) =>
            holdOpen(
              (id) => uow.upsert(VICTIMS.name, id, { n: 1 }),
              () => uow.get(VICTIMS.name, 'held'),
            ),
          );
  try {
    await hold();
    print({ step: 'unexpected success' });
  } catch (error) {
    print({ step: 'failed', transient: isTransientDatabaseError(error), message: error.message, code: error.code ?? null });
  }

  // The same kind of work again, on the same pool: it must simply work.
  if (mode === 'transaction') {
    await connection.transaction((client) => client.query(`INSERT INTO ${connection.qschema}.victim_rows (id) VALUES ('after')`));
  } else {
    await store.unitOfWork((uow) => uow.upsert(VICTIMS.name, 'after', { n: 2 }));
  }
  print({ step: 'recovered' });

  const alive = setInterval(() => undefined, 1000);
  process.once('SIGTERM', () => {
    clearInterval(alive);
    void connection.close().then(() => process.exit(0));
  });
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
  process.exit(1);
});
