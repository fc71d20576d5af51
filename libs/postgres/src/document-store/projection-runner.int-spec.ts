import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  comparePositions,
  formatPosition,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type ReadAllResult,
  type RecordedEvent,
} from '@broker/event-sourcing';
import { ProjectionRunner, type Projection, type ProjectionRunnerLogger, type StoredDocument } from '@broker/read-models';
import { MovableClock } from '@broker/read-models/testing';
import type { PostgresConnection } from '../connection/postgres-connection';
import { PostgresEventStore } from '../event-store/postgres-event-store';
import { LEASES_TABLE } from '../leases/lease.schema';
import { PostgresLeaseLock } from '../leases/postgres-lease-lock';
import { createTestConnection, TEST_DATABASE_URL } from '../testing/test-schema';
import { PostgresDocumentStore } from './postgres-document-store';

/** One document per stream: how many `Counted` events it saw, their sum, and the order it saw them in. */
interface Counter {
  count: number;
  total: number;
  lastRevision: number;
  recent: number[];
}

function counters(version = 1, options: { poison?: () => number | null } = {}): Projection<Counter> {
  return {
    name: 'counters',
    version,
    handles: ['Counted', 'Removed'],
    indexes: { count: 'number', stream: 'string' },
    documentId: (event) => event.streamId,
    evolve: (doc, event: RecordedEvent) => {
      const amount = event.data.amount as number;
      if (options.poison?.() === amount) throw new Error(`poisoned by ${amount}`);
      if (event.type === 'Removed') return null;
      return {
        count: (doc?.count ?? 0) + 1,
        total: (doc?.total ?? 0) + amount,
        lastRevision: Number(event.revision),
        recent: [...(doc?.recent ?? []), amount].slice(-4),
      };
    },
  };
}

function recordingLogger(): ProjectionRunnerLogger & { errors: unknown[] } {
  const errors: unknown[] = [];
  return { errors, info: () => undefined, warn: () => undefined, error: (context) => errors.push(context.err) };
}

/** Delegates to the real store; can freeze reads (a process stuck between batches) and records where reads began. */
class ObservedEventStore implements EventStore {
  readonly readsAfter: string[] = [];
  blockedReads = 0;
  private frozen: Promise<never> | null = null;
  private thaw: ((error: Error) => void) | null = null;
  constructor(private readonly inner: EventStore) {}
  freeze(): void {
    this.frozen = new Promise<never>((_, reject) => (this.thaw = reject));
    this.frozen.catch(() => undefined);
  }
  unfreeze(): void {
    this.thaw?.(new Error('the process is gone'));
  }
  appendToStream: EventStore['appendToStream'] = (...args) => this.inner.appendToStream(...args);
  appendToStreams: EventStore['appendToStreams'] = (...args) => this.inner.appendToStreams(...args);
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  waitForEvents: EventStore['waitForEvents'] = (...args) => this.inner.waitForEvents(...args);
  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    this.readsAfter.push(options.after ? formatPosition(options.after) : 'start');
    if (this.frozen) {
      this.blockedReads++;
      return this.frozen;
    }
    return this.inner.readAll(options);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

describe('ProjectionRunner on PostgreSQL (real event store and document store)', () => {
  let connection: PostgresConnection;
  let drop: () => Promise<void>;
  let eventStore: PostgresEventStore;
  let documents: PostgresDocumentStore;
  let admin: Client;
  const cleanups: (() => Promise<void>)[] = [];
  /** Counted events appended per stream in this test. */
  let appended: Map<string, { count: number; total: number }>;

  beforeEach(async () => {
    ({ connection, drop } = await createTestConnection('proj'));
    eventStore = new PostgresEventStore(connection);
    await eventStore.init();
    documents = new PostgresDocumentStore(connection);
    await documents.init();
    admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    appended = new Map();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await admin.end();
    await eventStore.close();
    await documents.close();
    await drop();
  });

  function runner(
    projection: Projection<Counter>,
    options: { eventStore?: EventStore; logger?: ProjectionRunnerLogger; batchSize?: number; leaderLock?: PostgresLeaseLock } = {},
  ): ProjectionRunner<Counter> {
    const leaderLock = options.leaderLock ?? new PostgresLeaseLock(connection);
    const created = new ProjectionRunner({
      projection,
      eventStore: options.eventStore ?? eventStore,
      documentStore: documents,
      leaderLock,
      batchSize: options.batchSize ?? 25,
      idleWaitMs: 50,
      retryDelayMs: 20,
      maxRetryDelayMs: 200,
      logger: options.logger,
    });
    cleanups.push(async () => {
      await created.stop();
      await leaderLock.close();
    });
    return created;
  }

  /** Appends `rounds` appends of 1 to 3 events over `streams` streams; returns the last append. */
  async function appendSome(rounds: number, streams = 12): Promise<AppendResult> {
    let last: AppendResult | undefined;
    for (let round = 0; round < rounds; round++) {
      const streamId = `counter-${round % streams}`;
      const size = 1 + (round % 3);
      const batch = Array.from({ length: size }, (_, i) => ({
        id: randomUUID(),
        type: (round + i) % 7 === 3 ? 'Noise' : 'Counted',
        data: { amount: round * 10 + i },
      }));
      last = await eventStore.appendToStream(streamId, batch, 'any');
      const tally = appended.get(streamId) ?? { count: 0, total: 0 };
      for (const event of batch) {
        if (event.type !== 'Counted') continue;
        tally.count++;
        tally.total += event.data.amount;
      }
      appended.set(streamId, tally);
    }
    return last!;
  }

  async function allDocuments(collection: string): Promise<StoredDocument<Counter>[]> {
    const all: StoredDocument<Counter>[] = [];
    let cursor: string | undefined;
    do {
      const page = await documents.find<Counter>(collection, { limit: 100, cursor });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }

  async function expectCountsToMatchAppends(collection: string): Promise<void> {
    const docs = await allDocuments(collection);
    const counted = Object.fromEntries(docs.map((d) => [d.id, { count: d.data.count, total: d.data.total }]));
    expect(counted).toEqual(Object.fromEntries(appended));
  }

  /** Ends the current lease of `name` in the table, as if its holder had stopped renewing long ago. */
  async function expireLease(name: string): Promise<void> {
    const result = await admin.query(`UPDATE ${connection.qschema}.${LEASES_TABLE} SET expires_at = clock_timestamp() WHERE name = $1`, [name]);
    if (result.rowCount !== 1) throw new Error(`no lease ${name}`);
  }

  async function leaseToken(name: string): Promise<bigint> {
    const result = await admin.query<{ token: string }>(`SELECT token::text AS token FROM ${connection.qschema}.${LEASES_TABLE} WHERE name = $1`, [name]);
    return BigInt(result.rows[0]!.token);
  }

  async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('processes a few hundred live events into the expected documents, with the checkpoint at the end', async () => {
    const live = runner(counters());
    live.start();
    await appendSome(60);
    await live.waitUntilCaughtUp(15_000); // caught up halfway, now the rest arrives live
    const last = await appendSome(140);
    await live.waitForPosition(last.position, 20_000);
    expect([...appended.values()].reduce((sum, t) => sum + t.count, 0)).toBeGreaterThan(200);
    await expectCountsToMatchAppends('counters_v1');
    expect(await live.checkpoint()).toEqual(last.position);
    expect(await documents.checkpoints.read('projection:counters:v1')).toBe(formatPosition(last.position));
    // the declared indexes answer queries
    const busiest = await documents.find<Counter>('counters_v1', { sort: { field: 'count', direction: 'desc' }, limit: 1 });
    expect(busiest.items[0]!.data.count).toBe(Math.max(...[...appended.values()].map((t) => t.count)));
  });

  it('keeps a second runner on standby and lets it take over after a stop, applying nothing twice', async () => {
    const first = runner(counters());
    const second = runner(counters());
    first.start();
    await until(() => first.isLeader);
    second.start();
    await appendSome(80);
    expect(second.isLeader).toBe(false);
    const stopping = first.stop(); // while events keep arriving
    await appendSome(40);
    await stopping;
    const last = await appendSome(60);
    await until(() => second.isLeader);
    await second.waitForPosition(last.position, 20_000);
    await expectCountsToMatchAppends('counters_v1');
  });

  it('takes over when the leader’s lease ends mid-stream, still applying each event once', async () => {
    const first = runner(counters());
    const second = runner(counters());
    first.start();
    await until(() => first.isLeader);
    second.start();
    await appendSome(60);
    const appending = appendSome(120);
    const before = await leaseToken('projection:counters:v1');
    await expireLease('projection:counters:v1');
    // The lease passes on (to the standby, or back to the old leader after it let go): a new token either way.
    await until(async () => (await leaseToken('projection:counters:v1')) > before);
    await until(() => second.isLeader || first.isLeader);
    const last = await appending;
    const leader = second.isLeader ? second : first;
    await leader.waitForPosition(last.position, 20_000);
    await expectCountsToMatchAppends('counters_v1');
  });

  it('resumes from the checkpoint after a runner is killed between batches', async () => {
    await appendSome(150);
    const observed = new ObservedEventStore(eventStore);
    // A process that stops: it never renews again, and no time passes for it.
    const doomedLock = new PostgresLeaseLock(connection, { ttlMs: 500, renewEveryMs: 60_000, clock: new MovableClock().now });
    const doomed = runner(counters(), { eventStore: observed, batchSize: 20, leaderLock: doomedLock });
    cleanups.push(async () => observed.unfreeze()); // runs before the runner's stop
    doomed.start();
    await until(() => observed.readsAfter.length >= 4);
    observed.freeze();
    await until(() => observed.blockedReads > 0); // between batches: the last one has finished, the next never reads
    const stored = await documents.checkpoints.read('projection:counters:v1');
    expect(stored).not.toBeNull();
    expect(observed.readsAfter[observed.readsAfter.length - 1]).toBe(stored); // the read it never got to do
    expect(stored).not.toBe(formatPosition((await eventStore.readAll({ after: undefined, maxCount: 1000 })).lastPosition));

    const successorStore = new ObservedEventStore(eventStore);
    const successor = runner(counters(), { eventStore: successorStore, batchSize: 20 });
    successor.start();
    const last = await appendSome(30);
    await successor.waitForPosition(last.position, 20_000);
    expect(successorStore.readsAfter[0]).toBe(stored);
    await expectCountsToMatchAppends('counters_v1');
  });

  it('rebuilds version 2 from zero into its own collection, equal to the live version 1 document for document', async () => {
    const v1 = runner(counters(1));
    v1.start();
    await appendSome(50);
    await v1.waitUntilCaughtUp(15_000);
    const removed = await eventStore.appendToStream('counter-3', [{ id: randomUUID(), type: 'Removed', data: { amount: 0 } }], 'any');
    appended.delete('counter-3');
    await v1.waitForPosition(removed.position, 15_000);
    const last = await appendSome(150, 20);
    await v1.waitForPosition(last.position, 20_000);

    const v2 = runner(counters(2), { batchSize: 64 });
    v2.start();
    await v2.waitForPosition(last.position, 20_000);
    const live = await allDocuments('counters_v1');
    const rebuilt = await allDocuments('counters_v2');
    expect(live.length).toBe(appended.size);
    expect(rebuilt.map((d) => ({ id: d.id, data: d.data }))).toEqual(live.map((d) => ({ id: d.id, data: d.data })));
    expect(await documents.checkpoints.read('projection:counters:v2')).toBe(formatPosition(last.position));
    await expectCountsToMatchAppends('counters_v2');
  });

  it('rolls back a batch whose evolve throws: nothing of it is visible, and it is retried', async () => {
    let poison: number | null = null;
    const logger = recordingLogger();
    const r = runner(counters(1, { poison: () => poison }), { logger, batchSize: 500 });
    r.start();
    const first = await appendSome(10);
    await r.waitForPosition(first.position, 15_000);
    await r.stop();
    const before = await allDocuments('counters_v1');
    const committed = await documents.checkpoints.read('projection:counters:v1');

    poison = 999_999;
    await appendSome(30); // one batch touching many documents...
    await eventStore.appendToStream('counter-1', [{ id: randomUUID(), type: 'Counted', data: { amount: poison } }], 'any');
    const after = await appendSome(5); // ...with the poisoned event in the middle
    // All of it readable before the runner starts, so its first batch holds the poisoned event: an open transaction of
    // a test running beside this one can hold the readable horizon back in the middle of the appends above.
    await until(async () => comparePositions((await eventStore.readAll({ after: first.position, maxCount: 1000 })).lastPosition, after.position) >= 0, 40_000);
    r.start();
    await until(() => logger.errors.length >= 2);
    expect((logger.errors[0] as Error).message).toBe('poisoned by 999999');
    expect(await allDocuments('counters_v1')).toEqual(before);
    expect(await documents.checkpoints.read('projection:counters:v1')).toBe(committed);

    poison = null;
    const tally = appended.get('counter-1')!;
    tally.count++;
    tally.total += 999_999;
    await r.waitForPosition(after.position, 20_000);
    await expectCountsToMatchAppends('counters_v1');
  }, 120_000);
});
