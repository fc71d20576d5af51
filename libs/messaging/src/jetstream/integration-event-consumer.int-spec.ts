import { randomUUID } from 'node:crypto';
import { event, type IntegrationEventEnvelope } from '@broker/contracts';
import { currentContext, type CorrelationContext } from '@broker/platform';
import { isTransientDatabaseError, PostgresDocumentStore, type PostgresConnection } from '@broker/postgres';
import { createTestConnection } from '@broker/postgres/testing';
import type { UnitOfWork } from '@broker/read-models';
import { headers as natsHeaders } from 'nats';
import { Client } from 'pg';
import { capturingLogger, createTestDeployment, waitUntil, type TestDeployment } from '../testing/jetstream-test-kit';
import { IntegrationEventConsumer, type IntegrationEventConsumerOptions } from './integration-event-consumer';
import { encodeEnvelope } from './integration-event-codec';
import { eventHandlers, on } from './integration-event-handlers';
import { PARKED_MESSAGES_COLLECTION, type ParkedMessage } from './parked-messages';

const EFFECTS = { name: 'effects', indexes: {} };

interface Counted {
  key: string;
  poison?: boolean;
}
const COUNTED = event<Counted>('catalog.counted.v1');

function envelope(key: string, extra: Partial<Counted> = {}): IntegrationEventEnvelope<Counted> {
  return {
    id: randomUUID(),
    type: COUNTED.type,
    occurredAt: new Date().toISOString(),
    correlationId: `corr-${key}`,
    causationId: `cause-${key}`,
    resellerId: 'r-1',
    organizationId: null,
    data: { key, ...extra },
  };
}

async function bump(uow: UnitOfWork, id: string): Promise<void> {
  const current = await uow.get<{ count: number }>(EFFECTS.name, id);
  await uow.upsert(EFFECTS.name, id, { count: (current?.data.count ?? 0) + 1 });
}

describe('IntegrationEventConsumer (JetStream -> PostgreSQL read models)', () => {
  let deployment: TestDeployment;
  let database: { connection: PostgresConnection; drop(): Promise<void> };
  let documentStore: PostgresDocumentStore;
  const consumers: IntegrationEventConsumer[] = [];

  beforeEach(async () => {
    deployment = await createTestDeployment();
    database = await createTestConnection('consumer');
    documentStore = new PostgresDocumentStore(database.connection);
    await documentStore.init();
    await documentStore.ensureCollection(EFFECTS);
  });

  afterEach(async () => {
    for (const consumer of consumers.splice(0)) await consumer.stop();
    await documentStore.close();
    await database.drop();
    await deployment.cleanup();
  });

  async function publish(payload: IntegrationEventEnvelope<unknown> | Uint8Array, msgID: string, type = COUNTED.type): Promise<void> {
    const headers = natsHeaders();
    headers.set('x-correlation-id', 'from-test');
    const data = payload instanceof Uint8Array ? payload : encodeEnvelope(payload);
    await deployment.nats.jetstream().publish(deployment.names.eventSubject(type), data, { msgID, headers });
  }

  function consumer(overrides: Partial<IntegrationEventConsumerOptions>): IntegrationEventConsumer {
    const created = new IntegrationEventConsumer({
      names: deployment.names,
      service: 'billing',
      consumer: 'counts',
      filterSubject: deployment.names.eventSubjectsOf('catalog'),
      documentStore,
      nats: deployment.nats,
      handlers: eventHandlers(),
      maxDeliver: 3,
      backoffMs: 50,
      ackWaitMs: 5000,
      batchSize: 10,
      logger: capturingLogger(),
      ...overrides,
    });
    consumers.push(created);
    return created;
  }

  async function count(id: string): Promise<number> {
    return (await documentStore.get<{ count: number }>(EFFECTS.name, id))?.data.count ?? 0;
  }

  it('applies the same event delivered twice once, inside its correlation context', async () => {
    const seen: Array<CorrelationContext | undefined> = [];
    const running = consumer({
      handlers: eventHandlers(
        on(COUNTED, async (event, uow) => {
          seen.push(currentContext());
          await bump(uow, event.data.key);
        }),
      ),
    });
    const twice = envelope('twice');
    const once = envelope('once');
    // Different Nats-Msg-Id, so JetStream stores both copies and the consumer's inbox has to catch the second.
    await publish(twice, `${twice.id}-a`);
    await publish(twice, `${twice.id}-b`);
    await publish(once, once.id);
    await publish({ ...envelope('not-handled'), type: 'catalog.something-else.v1' }, randomUUID(), 'catalog.something-else.v1');
    await running.start();

    await waitUntil(() => {
      const s = running.stats();
      return s.applied + s.duplicates + s.skipped === 4;
    }, 'four messages to be handled');
    expect(await count('twice')).toBe(1);
    expect(await count('once')).toBe(1);
    expect(running.stats()).toMatchObject({ applied: 2, duplicates: 1, skipped: 1, parked: 0 });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({ correlationId: twice.correlationId, causationId: twice.id });
  });

  it('parks a message that keeps failing after maxDeliver tries while the following ones are applied', async () => {
    const logger = capturingLogger();
    let poisonAttempts = 0;
    const running = consumer({
      logger,
      handlers: eventHandlers(
        on(COUNTED, async (event, uow) => {
          await bump(uow, event.data.key);
          if (event.data.poison) {
            poisonAttempts++;
            throw new Error('cannot apply this one');
          }
        }),
      ),
    });
    const poison = envelope('poison', { poison: true });
    const keys = ['before', 'after-1', 'after-2', 'after-3'];
    await publish(envelope(keys[0]!), randomUUID());
    await publish(poison, poison.id);
    for (const key of keys.slice(1)) await publish(envelope(key), randomUUID());
    await running.start();

    await waitUntil(() => running.stats().parked === 1 && running.stats().applied === 4, 'the poison message to be parked');
    for (const key of keys) expect(await count(key)).toBe(1);
    // Every failed attempt was rolled back with its inbox entry: no effect, and it was tried maxDeliver times.
    expect(await count('poison')).toBe(0);
    expect(poisonAttempts).toBe(3);
    expect(running.stats().retries).toBe(2);

    const parked = await documentStore.find<ParkedMessage>(PARKED_MESSAGES_COLLECTION.name, { where: { consumer: running.consumerName } });
    expect(parked.items).toHaveLength(1);
    expect(parked.items[0]!.data).toMatchObject({
      consumer: running.consumerName,
      messageId: poison.id,
      eventType: COUNTED.type,
      envelope: poison,
      attempts: 3,
      error: { message: 'cannot apply this one' },
    });
    expect(await running.parkedCount()).toBe(1);
    expect(logger.lines.filter((l) => l.level === 'error' && l.message === 'integration event parked')).toHaveLength(1);

    // Terminated, not left pending: the server will not deliver it again.
    const info = await deployment.jsm.consumers.info(deployment.names.eventStream, running.consumerName);
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_pending).toBe(0);
  });

  it('parks a payload that is not an envelope at once, without calling any handler', async () => {
    let calls = 0;
    const running = consumer({
      maxDeliver: 5,
      handlers: eventHandlers(
        on(COUNTED, async (event, uow) => {
          calls++;
          await bump(uow, event.data.key);
        }),
      ),
    });
    await publish(new TextEncoder().encode('{"not":"an envelope"}'), randomUUID());
    await publish(envelope('fine'), randomUUID());
    await running.start();

    await waitUntil(() => running.stats().parked === 1 && running.stats().applied === 1, 'the bad payload to be parked');
    expect(calls).toBe(1);
    const parked = await documentStore.find<ParkedMessage>(PARKED_MESSAGES_COLLECTION.name, { where: { consumer: running.consumerName } });
    expect(parked.items[0]!.data).toMatchObject({ attempts: 1, messageId: null, envelope: null, rawPayload: '{"not":"an envelope"}' });
    expect(parked.items[0]!.data.error.code).toBe('MESSAGING.INVALID_ENVELOPE');
  });

  it('never parks a message whose unit of work lost its database connection: it is tried until it applies', async () => {
    const admin = new Client({ connectionString: database.connection.databaseUrl });
    await admin.connect();
    const logger = capturingLogger();
    let failures = 0;
    try {
      const running = consumer({
        maxDeliver: 1,
        logger,
        isTransient: isTransientDatabaseError,
        handlers: eventHandlers(
          on(COUNTED, async (event, uow) => {
            await bump(uow, event.data.key);
            if (failures < 2) {
              failures++;
              // Ends this unit's backend, as a database restart would: its next statement fails.
              await admin.query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle in transaction'",
                [database.connection.schema],
              );
              await uow.get(EFFECTS.name, event.data.key);
            }
          }),
        ),
      });
      await publish(envelope('flaky-store'), randomUUID());
      await running.start();

      await waitUntil(() => running.stats().applied === 1, 'the message to be applied once the store answers');
      expect(running.stats()).toMatchObject({ applied: 1, retries: 2, parked: 0 });
      expect(await count('flaky-store')).toBe(1);
      expect(await running.parkedCount()).toBe(0);
      const retried = logger.lines.filter((l) => l.message === 'integration event not applied: store unavailable; will retry');
      expect(retried).toHaveLength(2);
      expect(retried[0]!.level).toBe('warn');
    } finally {
      await admin.end();
    }
  });

  it('resumes where it stopped: a restarted consumer applies only what came after', async () => {
    const handlers = eventHandlers(on(COUNTED, async (event, uow) => bump(uow, event.data.key)));
    const first = consumer({ handlers });
    await publish(envelope('one'), randomUUID());
    await first.start();
    await waitUntil(() => first.stats().applied === 1, 'the first message');
    await first.stop();

    await publish(envelope('two'), randomUUID());
    const second = consumer({ handlers });
    await second.start();
    await waitUntil(() => second.stats().applied === 1, 'the second message');
    expect(second.stats()).toMatchObject({ applied: 1, duplicates: 0 });
    expect(await count('one')).toBe(1);
    expect(await count('two')).toBe(1);
  });

  it('handles organizations side by side, each in stream order, and waits for all before a message of no organization', async () => {
    const applied: string[] = [];
    let releaseSlow!: () => void;
    const slowMayEnd = new Promise<void>((resolve) => (releaseSlow = resolve));
    let gaveUp = false;
    const running = consumer({
      concurrency: 4,
      handlers: eventHandlers(
        on(COUNTED, async (event, uow) => {
          // The first message of organization A waits until organization B's message is applied: handled one at a
          // time, this would never end.
          if (event.data.key === 'a1') {
            const waited = await Promise.race([slowMayEnd.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000))]);
            if (!waited) {
              gaveUp = true;
              throw new Error('organization B was not handled while A waited');
            }
          }
          await bump(uow, event.data.key);
          applied.push(event.data.key);
          if (event.data.key === 'b1') releaseSlow();
        }),
      ),
    });
    const of = (key: string, organizationId: string | null): IntegrationEventEnvelope<Counted> => ({ ...envelope(key), organizationId });
    for (const message of [of('a1', 'org-a'), of('a2', 'org-a'), of('b1', 'org-b'), of('a3', 'org-a'), of('reseller', null), of('b2', 'org-b')]) {
      await publish(message, message.id);
    }
    await running.start();

    await waitUntil(() => running.stats().applied === 6, 'six messages to be applied');
    expect(gaveUp).toBe(false);
    expect(applied.indexOf('b1')).toBeLessThan(applied.indexOf('a1'));
    expect(applied.filter((key) => key.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    // The message of no organization came after a3 and before b2 in the stream.
    expect(applied.indexOf('reseller')).toBeGreaterThan(applied.indexOf('a3'));
    expect(applied.indexOf('reseller')).toBeLessThan(applied.indexOf('b2'));
  });

  it('keeps a message that waits in its organization\'s lane from being redelivered, however long the messages before it take', async () => {
    const running = consumer({
      concurrency: 4,
      ackWaitMs: 1000,
      handlers: eventHandlers(
        on(COUNTED, async (event, uow) => {
          // Each takes most of the ack wait: the third waits about twice that behind the first two.
          await new Promise((resolve) => setTimeout(resolve, 700));
          await bump(uow, event.data.key);
        }),
      ),
    });
    for (const key of ['slow-1', 'slow-2', 'slow-3']) {
      const message = { ...envelope(key), organizationId: 'org-slow' };
      await publish(message, message.id);
    }
    await running.start();
    await waitUntil(() => running.stats().applied === 3, 'three slow messages to be applied', 15_000);
    // A redelivered copy would show as a duplicate once handled; give one the time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(running.stats()).toMatchObject({ applied: 3, duplicates: 0, parked: 0 });
  });
});
