import { randomUUID } from 'node:crypto';
import { type EventStore, type ReadAllOptions, type ReadAllResult, type RecordedEvent } from '@broker/event-sourcing';
import { InMemoryEventStore } from '@broker/event-sourcing/testing';
import { InMemoryDocumentStore } from '../testing/in-memory-document-store';
import { InMemoryLeaderLock, InMemoryLockRegistry } from '../testing/in-memory-leader-lock';
import { MovableClock } from '../testing/movable-clock';
import type { Projection } from './projection';
import { ProjectionRunner, type ProjectionRunnerLogger } from './projection-runner';

interface Counter {
  count: number;
  total: number;
}

/** Counts the events of each stream; `Removed` deletes the stream's document. */
function counters(options: { version?: number; failOn?: () => number | null } = {}): Projection<Counter> {
  return {
    name: 'counters',
    version: options.version ?? 1,
    handles: ['Counted', 'Removed'],
    indexes: { count: 'number' },
    documentId: (event) => event.streamId,
    evolve: (doc, event: RecordedEvent) => {
      const amount = event.data.amount as number;
      if (options.failOn?.() === amount) throw new Error(`cannot count ${amount}`);
      if (event.type === 'Removed') return null;
      return { count: (doc?.count ?? 0) + 1, total: (doc?.total ?? 0) + amount };
    },
  };
}

function recordingLogger(): ProjectionRunnerLogger & { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  return {
    errors,
    warnings,
    info: () => undefined,
    warn: (_context, message) => warnings.push(message),
    error: (_context, message) => errors.push(message),
  };
}

async function append(events: InMemoryEventStore, streamId: string, type: string, amount: number) {
  return events.appendToStream(streamId, [{ id: randomUUID(), type, data: { amount } }], 'any');
}

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Reads that wait at a gate while it is closed: a process frozen in the middle of a batch. */
class GatedEventStore implements EventStore {
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;
  waiting = 0;
  constructor(private readonly inner: EventStore) {}
  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }
  letGo(): void {
    this.gate = null;
    this.open?.();
  }
  appendToStream: EventStore['appendToStream'] = (...args) => this.inner.appendToStream(...args);
  appendToStreams: EventStore['appendToStreams'] = (...args) => this.inner.appendToStreams(...args);
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  waitForEvents: EventStore['waitForEvents'] = (...args) => this.inner.waitForEvents(...args);
  close: EventStore['close'] = () => this.inner.close();
  async readAll(options?: ReadAllOptions): Promise<ReadAllResult> {
    const result = await this.inner.readAll(options);
    if (this.gate) {
      this.waiting++;
      await this.gate;
    }
    return result;
  }
}

describe('ProjectionRunner (in memory)', () => {
  let events: InMemoryEventStore;
  let registry: InMemoryLockRegistry;
  let documents: InMemoryDocumentStore;
  const runners: ProjectionRunner<Counter>[] = [];

  const runner = (
    projection: Projection<Counter>,
    lock = new InMemoryLeaderLock(registry),
    logger?: ProjectionRunnerLogger,
    eventStore: EventStore = events,
  ) => {
    const created = new ProjectionRunner({
      projection,
      eventStore,
      documentStore: documents,
      leaderLock: lock,
      batchSize: 7,
      idleWaitMs: 20,
      retryDelayMs: 5,
      maxRetryDelayMs: 20,
      logger,
    });
    runners.push(created);
    return created;
  };

  beforeEach(() => {
    events = new InMemoryEventStore();
    registry = new InMemoryLockRegistry();
    documents = new InMemoryDocumentStore({ leases: registry });
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });

  it('applies events in batches, deletes documents and stores the checkpoint, also past unhandled events', async () => {
    await append(events, 'c-1', 'Counted', 1);
    await append(events, 'c-1', 'Counted', 2);
    await append(events, 'c-2', 'Counted', 5);
    for (let i = 0; i < 20; i++) await append(events, 'c-3', 'Counted', 1);
    await append(events, 'c-2', 'Removed', 0);
    const last = await append(events, 'c-9', 'Ignored', 0);
    const r = runner(counters());
    r.start();
    await r.waitForPosition(last.position, 3000);
    expect(await r.checkpoint()).toEqual(last.position);
    expect(await documents.get('counters_v1', 'c-1')).toMatchObject({ data: { count: 2, total: 3 } });
    expect(await documents.get('counters_v1', 'c-2')).toBeNull();
    expect((await documents.get<Counter>('counters_v1', 'c-3'))?.data).toEqual({ count: 20, total: 20 });
    expect(await documents.get('counters_v1', 'c-9')).toBeNull();
    // the collection is declared with the projection's indexes
    expect((await documents.find('counters_v1', { where: { count: 20 } })).items.map((d) => d.id)).toEqual(['c-3']);
  });

  it('tells its backlog: how many handled events the checkpoint has not reached, and how old the oldest is', async () => {
    const r = runner(counters());
    expect(await r.backlog()).toEqual({ events: 0, oldestAgeSeconds: 0 });
    await append(events, 'c-1', 'Counted', 1);
    await append(events, 'c-9', 'Ignored', 0);
    await append(events, 'c-1', 'Counted', 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const behind = await r.backlog();
    expect(behind.events).toBe(2);
    expect(behind.oldestAgeSeconds).toBeGreaterThanOrEqual(0.015);
    expect((await r.backlog(1)).events).toBe(1);
    r.start();
    await r.waitUntilCaughtUp(3000);
    expect(await r.backlog()).toEqual({ events: 0, oldestAgeSeconds: 0 });
  });

  it('keeps processing live events and reports when it has caught up', async () => {
    const r = runner(counters());
    r.start();
    await r.waitUntilCaughtUp(3000);
    await append(events, 'c-1', 'Counted', 4);
    await r.waitUntilCaughtUp(3000);
    expect((await documents.get<Counter>('counters_v1', 'c-1'))?.data).toEqual({ count: 1, total: 4 });
  });

  it('lets only the lock holder work; a standby takes over after stop without applying anything twice', async () => {
    const first = runner(counters(), new InMemoryLeaderLock(registry));
    const second = runner(counters(), new InMemoryLeaderLock(registry));
    first.start();
    await eventually(() => first.isLeader);
    second.start();
    for (let i = 0; i < 30; i++) await append(events, `c-${i % 3}`, 'Counted', 1);
    await first.waitUntilCaughtUp(3000);
    expect(second.isLeader).toBe(false);
    await first.stop();
    for (let i = 0; i < 30; i++) await append(events, `c-${i % 3}`, 'Counted', 1);
    await eventually(() => second.isLeader);
    await second.waitUntilCaughtUp(3000);
    const counts = (await documents.find<Counter>('counters_v1')).items.map((d) => d.data.count);
    expect(counts).toEqual([20, 20, 20]);
  });

  it('rolls a failing batch back, logs it, and retries until it succeeds', async () => {
    let poison: number | null = 13;
    const logger = recordingLogger();
    await append(events, 'c-1', 'Counted', 1);
    await append(events, 'c-1', 'Counted', 13);
    const r = runner(counters({ failOn: () => poison }), new InMemoryLeaderLock(registry), logger);
    r.start();
    await eventually(() => logger.errors.length >= 2);
    // the batch held both events: neither is visible, the checkpoint did not move
    expect(await documents.get('counters_v1', 'c-1')).toBeNull();
    expect(await r.checkpoint()).toBeNull();
    poison = null;
    await r.waitUntilCaughtUp(3000);
    expect((await documents.get<Counter>('counters_v1', 'c-1'))?.data).toEqual({ count: 2, total: 14 });
  });

  it('stops working when the lease is lost and resumes once it holds the lock again', async () => {
    const r = runner(counters(), new InMemoryLeaderLock(registry, { ttlMs: 200, renewEveryMs: 20 }));
    r.start();
    await eventually(() => r.isLeader);
    await append(events, 'c-1', 'Counted', 1);
    await r.waitUntilCaughtUp(3000);
    // someone else grabs the lock right after ours is lost
    registry.loseLease('projection:counters:v1');
    const usurper = await new InMemoryLeaderLock(registry).tryAcquire('projection:counters:v1');
    expect(usurper).not.toBeNull();
    await eventually(() => !r.isLeader);
    const pending = await append(events, 'c-1', 'Counted', 1);
    await expect(r.waitForPosition(pending.position, 100)).rejects.toMatchObject({ code: 'READ_MODEL.PROJECTION_WAIT_TIMEOUT' });
    await usurper!.release();
    await r.waitForPosition(pending.position, 3000);
    expect((await documents.get<Counter>('counters_v1', 'c-1'))?.data.count).toBe(2);
  });

  it('commits nothing after its lease passed on while it was frozen mid-batch, although its checkpoint would still match', async () => {
    const clock = new MovableClock();
    registry = new InMemoryLockRegistry(clock.now);
    documents = new InMemoryDocumentStore({ leases: registry });
    const gated = new GatedEventStore(events);
    const logger = recordingLogger();
    const r = runner(counters(), new InMemoryLeaderLock(registry, { ttlMs: 1000, renewEveryMs: 60_000, clock: clock.now }), logger, gated);
    r.start();
    await append(events, 'c-1', 'Counted', 1);
    await r.waitUntilCaughtUp(3000);
    const before = await r.checkpoint();

    gated.hold();
    const pending = await append(events, 'c-1', 'Counted', 2);
    await eventually(() => gated.waiting > 0); // it has read the batch and is frozen before applying it
    clock.advance(1000);
    const successor = await new InMemoryLeaderLock(registry, { clock: clock.now }).tryAcquire('projection:counters:v1');
    expect(successor).not.toBeNull();
    expect(await r.checkpoint()).toEqual(before); // nobody moved it: the compare-and-set alone would let the batch in

    gated.letGo();
    await eventually(() => logger.warnings.some((w) => /refused/.test(w)));
    expect(r.isLeader).toBe(false);
    expect((await documents.get<Counter>('counters_v1', 'c-1'))?.data).toEqual({ count: 1, total: 1 });
    expect(await r.checkpoint()).toEqual(before);

    await successor!.release(); // it stood by and takes over again
    await r.waitForPosition(pending.position, 3000);
    expect((await documents.get<Counter>('counters_v1', 'c-1'))?.data).toEqual({ count: 2, total: 3 });
  });

  it('builds a new version from zero beside the old one', async () => {
    for (let i = 0; i < 10; i++) await append(events, `c-${i % 2}`, 'Counted', i);
    const v1 = runner(counters({ version: 1 }));
    v1.start();
    await v1.waitUntilCaughtUp(3000);
    const v2 = runner(counters({ version: 2 }));
    v2.start();
    await v2.waitUntilCaughtUp(3000);
    const v1Docs = (await documents.find('counters_v1')).items;
    expect(v1Docs).toHaveLength(2);
    expect((await documents.find('counters_v2')).items).toEqual(v1Docs);
  });
});
