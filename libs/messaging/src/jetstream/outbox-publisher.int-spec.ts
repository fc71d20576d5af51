import { randomUUID } from 'node:crypto';
import { event } from '@broker/contracts';
import { formatPosition, START, type EventToAppend, type GlobalPosition, type RecordedEvent } from '@broker/event-sourcing';
import { PostgresDocumentStore, PostgresEventStore, PostgresLeaseLock, type PostgresConnection } from '@broker/postgres';
import { MovableClock } from '@broker/read-models/testing';
import { createTestConnection } from '@broker/postgres/testing';
import {
  capturingLogger,
  createTestDeployment,
  readStream,
  streamMessageCount,
  waitUntil,
  type TestDeployment,
} from '../testing/jetstream-test-kit';
import { envelopeFromEvent } from './integration-event-codec';
import { OutboxPublisher, outboxName, type IntegrationEventMapper } from './outbox-publisher';

const RESELLER_CREATED = event<{ resellerId: string; name: unknown }>('organizations.reseller-created.v1');

// The one place internal events become integration events: ResellerNoteAdded stays inside the service.
const mapper: IntegrationEventMapper = (event: RecordedEvent) => {
  switch (event.type) {
    case 'ResellerCreated':
      return envelopeFromEvent(event, RESELLER_CREATED, { resellerId: event.streamId, name: event.data.name });
    default:
      return null;
  }
};

function created(name: string, correlationId: string): EventToAppend {
  return { id: randomUUID(), type: 'ResellerCreated', data: { name }, metadata: { correlationId, causationId: `cmd-${name}`, resellerId: 'r-1' } };
}

function noteAdded(): EventToAppend {
  return { id: randomUUID(), type: 'ResellerNoteAdded', data: { note: 'internal' }, metadata: { correlationId: 'c-note' } };
}

describe('OutboxPublisher (PostgreSQL event store -> JetStream)', () => {
  let deployment: TestDeployment;
  let database: { connection: PostgresConnection; drop(): Promise<void> };
  let eventStore: PostgresEventStore;
  let documentStore: PostgresDocumentStore;
  let lock: PostgresLeaseLock;
  const publishers: OutboxPublisher[] = [];

  beforeEach(async () => {
    deployment = await createTestDeployment();
    database = await createTestConnection('outbox');
    eventStore = new PostgresEventStore(database.connection);
    await eventStore.init();
    documentStore = new PostgresDocumentStore(database.connection);
    await documentStore.init();
    lock = new PostgresLeaseLock(database.connection);
  });

  afterEach(async () => {
    for (const publisher of publishers.splice(0)) await publisher.stop();
    await lock.close();
    await eventStore.close();
    await documentStore.close();
    await database.drop();
    await deployment.cleanup();
  });

  function publisher(leaderLock: PostgresLeaseLock = lock, logger = capturingLogger()): OutboxPublisher {
    const created = new OutboxPublisher({
      service: 'organizations',
      names: deployment.names,
      eventStore,
      checkpoints: documentStore.checkpoints,
      leaderLock,
      nats: deployment.nats,
      mapper,
      batchSize: 3,
      idleWaitMs: 200,
      lockRetryMs: 100,
      logger,
    });
    publishers.push(created);
    return created;
  }

  async function stopAll(): Promise<void> {
    for (const running of publishers.splice(0)) await running.stop();
  }

  /** Appends in three transactions (so batches cross commits) and returns the ids that must be published. */
  async function appendHistory(): Promise<{ published: EventToAppend[]; internal: EventToAppend[]; last: GlobalPosition }> {
    const a = [created('alpha', 'c-1'), noteAdded(), created('beta', 'c-1')];
    const b = [noteAdded(), created('gamma', 'c-2')];
    const c = [created('delta', 'c-3'), noteAdded()];
    await eventStore.appendToStream(`reseller-${randomUUID()}`, a, 'no_stream');
    await eventStore.appendToStream(`reseller-${randomUUID()}`, b, 'no_stream');
    const result = await eventStore.appendToStream(`reseller-${randomUUID()}`, c, 'no_stream');
    return {
      published: [a[0]!, a[2]!, b[1]!, c[0]!],
      internal: [a[1]!, b[0]!, c[1]!],
      last: result.position,
    };
  }

  it('publishes the mapped events in commit order with Nats-Msg-Id = event id, and never the internal ones', async () => {
    const history = await appendHistory();
    const running = publisher();
    await running.start();
    await waitUntil(() => running.stats().lastPosition === formatPosition(history.last), 'the publisher to reach the last event');

    const messages = await readStream(deployment.jsm, deployment.names.eventStream);
    expect(messages.map((m) => m.json.id)).toEqual(history.published.map((e) => e.id));
    expect(messages.map((m) => m.headers?.get('Nats-Msg-Id'))).toEqual(history.published.map((e) => e.id));
    expect(messages.map((m) => m.subject)).toEqual(history.published.map(() => deployment.names.eventSubject(RESELLER_CREATED.type)));
    expect(messages.map((m) => (m.json.data as { name: string }).name)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    expect(messages[0]!.headers?.get('x-correlation-id')).toBe('c-1');
    expect(messages[0]!.headers?.get('x-causation-id')).toBe('cmd-alpha');
    expect(messages[0]!.json).toMatchObject({ type: RESELLER_CREATED.type, correlationId: 'c-1', causationId: 'cmd-alpha', resellerId: 'r-1', organizationId: null });
    const internalIds = new Set(history.internal.map((e) => e.id));
    expect(messages.some((m) => internalIds.has(m.json.id as string))).toBe(false);
    expect(running.stats()).toMatchObject({ published: 4, duplicates: 0, internal: 3, leader: true });
    expect(await documentStore.checkpoints.read(outboxName('organizations'))).toBe(formatPosition(history.last));
  });

  it('resumes from its checkpoint after a restart: nothing is published again, new events are', async () => {
    const history = await appendHistory();
    const first = publisher();
    await first.start();
    await waitUntil(() => first.stats().lastPosition === formatPosition(history.last), 'the first publisher to catch up');
    await stopAll();
    const countBefore = await streamMessageCount(deployment.jsm, deployment.names.eventStream);
    expect(countBefore).toBe(4);

    const second = publisher();
    await second.start();
    const more = created('epsilon', 'c-4');
    const appended = await eventStore.appendToStream(`reseller-${randomUUID()}`, [more], 'no_stream');
    await waitUntil(() => second.stats().lastPosition === formatPosition(appended.position), 'the restarted publisher to catch up');

    // The restarted publisher sent exactly the one new event: no re-publication that JetStream had to drop.
    expect(second.stats()).toMatchObject({ published: 1, duplicates: 0 });
    const messages = await readStream(deployment.jsm, deployment.names.eventStream);
    expect(messages).toHaveLength(countBefore + 1);
    expect(messages[messages.length - 1]!.json.id).toBe(more.id);
  });

  it('re-publishing an already published batch (checkpoint reset) adds nothing to the stream', async () => {
    const history = await appendHistory();
    const first = publisher();
    await first.start();
    await waitUntil(() => first.stats().lastPosition === formatPosition(history.last), 'the first publisher to catch up');
    await stopAll();
    const before = await readStream(deployment.jsm, deployment.names.eventStream);

    // As if the process died after JetStream acknowledged the batch but before the checkpoint was saved.
    const name = outboxName('organizations');
    await documentStore.checkpoints.save(name, formatPosition(START), await documentStore.checkpoints.read(name));
    const again = publisher();
    await again.start();
    await waitUntil(() => again.stats().lastPosition === formatPosition(history.last), 'the reset publisher to catch up');

    expect(again.stats()).toMatchObject({ published: 0, duplicates: 4 });
    const after = await readStream(deployment.jsm, deployment.names.eventStream);
    expect(after.map((m) => [m.seq, m.json.id])).toEqual(before.map((m) => [m.seq, m.json.id]));
  });

  it('runs one active publisher per service: a second instance stands by and publishes nothing', async () => {
    const history = await appendHistory();
    // Two lock objects: two holders, as two replicas of the service would be.
    const otherLock = new PostgresLeaseLock(database.connection);
    try {
      const one = publisher();
      const two = publisher(otherLock);
      await one.start();
      await two.start();
      await waitUntil(
        () => [one, two].some((p) => p.stats().lastPosition === formatPosition(history.last)),
        'one publisher to catch up',
      );
      const stats = [one.stats(), two.stats()];
      expect(stats.filter((s) => s.leader)).toHaveLength(1);
      expect(stats.map((s) => s.published + s.duplicates).sort()).toEqual([0, 4]);
      expect(await streamMessageCount(deployment.jsm, deployment.names.eventStream)).toBe(4);
      await stopAll();
    } finally {
      await otherLock.close();
    }
  });

  it('saves no checkpoint once its lease has passed on, although it still believes it leads, and stands by', async () => {
    const history = await appendHistory();
    // A holder that never renews and whose clock stands still: only the fence can tell it.
    const frozenLock = new PostgresLeaseLock(database.connection, { ttlMs: 60_000, renewEveryMs: 60_000, clock: new MovableClock().now });
    const successorLock = new PostgresLeaseLock(database.connection);
    const logger = capturingLogger();
    try {
      const frozen = publisher(frozenLock, logger);
      await frozen.start();
      await waitUntil(() => frozen.stats().lastPosition === formatPosition(history.last), 'the publisher to catch up');
      const name = outboxName('organizations');
      const saved = await documentStore.checkpoints.read(name);

      await database.connection.pool.query(`UPDATE ${database.connection.qschema}.leader_leases SET expires_at = clock_timestamp() WHERE name = $1`, [name]);
      const successor = await successorLock.tryAcquire(name); // holds the lease and publishes nothing
      expect(successor).not.toBeNull();
      const more = created('epsilon', 'c-4');
      await eventStore.appendToStream(`reseller-${randomUUID()}`, [more], 'no_stream');
      await waitUntil(() => logger.lines.some((line) => /refused/.test(line.message)), 'the fenced save to be refused');
      expect(await documentStore.checkpoints.read(name)).toBe(saved); // the compare-and-set alone would have passed
      await waitUntil(() => !frozen.stats().leader, 'the publisher to stand by');

      await successor!.release(); // the publisher takes over again and finishes the work
      await waitUntil(async () => (await documentStore.checkpoints.read(name)) !== saved, 'the checkpoint to move on');
      const messages = await readStream(deployment.jsm, deployment.names.eventStream);
      expect(messages.map((m) => m.json.id)).toEqual([...history.published.map((e) => e.id), more.id]);
      await stopAll();
    } finally {
      await frozenLock.close();
      await successorLock.close();
    }
  });
});
