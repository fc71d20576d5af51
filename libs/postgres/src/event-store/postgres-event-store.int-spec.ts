import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
// Relative until jest/tsconfig map `@broker/<lib>/testing` (the generic `@broker/*` mapping resolves it wrongly).
import { describeEventStoreContract } from '../../../event-sourcing/src/testing';
import { PostgresConnection } from '../connection/postgres-connection';
import { createTestConnection, createTestSchema, holdPostgresAppendOpen } from '../testing';
import { PostgresEventStore } from './postgres-event-store';

describeEventStoreContract('PostgreSQL', async () => {
  const { connection, drop } = await createTestConnection('es');
  const store = new PostgresEventStore(connection);
  await store.init();
  return {
    store,
    holdAppendOpen: (streamId, events, expected) => holdPostgresAppendOpen(connection, streamId, events, expected),
    async teardown() {
      await store.close();
      await drop();
    },
  };
});

describe('PostgresEventStore (adapter specifics)', () => {
  jest.setTimeout(60_000);

  it('init is idempotent and safe when several processes start at once on a new schema', async () => {
    const test = await createTestSchema('es_init');
    const connections = Array.from({ length: 3 }, () => new PostgresConnection({ databaseUrl: test.databaseUrl, schema: test.schema, maxConnections: 2 }));
    try {
      const stores = connections.map((connection) => new PostgresEventStore(connection));
      await Promise.all(stores.map((store) => store.init()));
      await stores[0]!.init();

      const streamId = `init-${randomUUID()}`;
      await stores[1]!.appendToStream(streamId, [{ id: randomUUID(), type: 'Created', data: {} }], 'no_stream');
      expect(await stores[2]!.readStream(streamId)).toHaveLength(1);
      await Promise.all(stores.map((store) => store.close()));
    } finally {
      await Promise.all(connections.map((connection) => connection.close()));
      await test.drop();
    }
  });

  it('stores positions as (transaction id, sequence): one transaction id per append, bigint values', async () => {
    const { connection, drop } = await createTestConnection('es');
    const store = new PostgresEventStore(connection);
    try {
      await store.init();
      const streamId = `pos-${randomUUID()}`;
      await store.appendToStream(streamId, [1, 2, 3].map((n) => ({ id: randomUUID(), type: 'N', data: { n } })), 'no_stream');
      await store.appendToStream(streamId, [{ id: randomUUID(), type: 'N', data: { n: 4 } }], 2n);

      const events = await store.readStream(streamId);
      expect(events.map((event) => typeof event.position.commit)).toEqual(['bigint', 'bigint', 'bigint', 'bigint']);
      const [first, second, third, fourth] = events.map((event) => event.position);
      expect(new Set([first!.commit, second!.commit, third!.commit]).size).toBe(1);
      expect(fourth!.commit).toBeGreaterThan(first!.commit);
      expect(second!.prepare).toBe(first!.prepare + 1n);

      const client = new Client({ connectionString: connection.databaseUrl });
      await client.connect();
      try {
        const stored = await client.query(
          `SELECT pg_typeof(transaction_id)::text AS tx_type, count(*)::int AS n FROM ${connection.qschema}.es_events GROUP BY 1`,
        );
        expect(stored.rows).toEqual([{ tx_type: 'xid8', n: 4 }]);
      } finally {
        await client.end();
      }
    } finally {
      await store.close();
      await drop();
    }
  });

  it('wakes waiters of its own schema only', async () => {
    const a = await createTestConnection('es');
    const b = await createTestConnection('es');
    const storeA = new PostgresEventStore(a.connection);
    const storeB = new PostgresEventStore(b.connection);
    try {
      await storeA.init();
      await storeB.init();
      await storeA.waitForEvents(2_000);
      await storeB.waitForEvents(2_000);
      let wokenA = false;
      const stopA = new AbortController();
      const waitingA = storeA.waitForEvents(60_000, stopA.signal).then(() => (wokenA = true));
      const waitingB = storeB.waitForEvents(60_000);

      await storeB.appendToStream(`iso-${randomUUID()}`, [{ id: randomUUID(), type: 'X', data: {} }], 'no_stream');
      await waitingB;
      await storeA.readStream('any-stream'); // a round trip, so a stray notification to A would have arrived
      expect(wokenA).toBe(false);
      stopA.abort();
      await waitingA;
    } finally {
      await storeA.close();
      await storeB.close();
      await a.drop();
      await b.drop();
    }
  });
});
