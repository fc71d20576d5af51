import { randomUUID } from 'node:crypto';
import { event, type IntegrationEventEnvelope } from '@broker/contracts';
import { PostgresDocumentStore, type PostgresConnection } from '@broker/postgres';
import { createTestConnection } from '@broker/postgres/testing';
import type { UnitOfWork } from '@broker/read-models';
import { capturingLogger, createTestDeployment, waitUntil, type TestDeployment } from '../testing/jetstream-test-kit';
import { IntegrationEventConsumer } from './integration-event-consumer';
import { encodeEnvelope } from './integration-event-codec';
import { eventHandlers, on } from './integration-event-handlers';
import { PARKED_MESSAGES_COLLECTION, parkedMessageId, type ParkedMessage } from './parked-messages';

const COUNTED = event<{ key: string }>('catalog.counted.v1');
const EFFECTS = { name: 'effects', indexes: {} };

function envelope(key: string): IntegrationEventEnvelope<{ key: string }> {
  return {
    id: randomUUID(),
    type: COUNTED.type,
    occurredAt: new Date().toISOString(),
    correlationId: `corr-${key}`,
    causationId: `cause-${key}`,
    resellerId: null,
    organizationId: null,
    data: { key },
  };
}

describe('IntegrationEventConsumer.requeue (an operator hands a parked message to its handler again)', () => {
  let deployment: TestDeployment;
  let database: { connection: PostgresConnection; drop(): Promise<void> };
  let documentStore: PostgresDocumentStore;
  let consumer: IntegrationEventConsumer;
  let broken: boolean;
  let runs: number;

  beforeEach(async () => {
    deployment = await createTestDeployment();
    database = await createTestConnection('requeue');
    documentStore = new PostgresDocumentStore(database.connection);
    await documentStore.init();
    await documentStore.ensureCollection(EFFECTS);
    broken = true;
    runs = 0;
    consumer = new IntegrationEventConsumer({
      names: deployment.names,
      service: 'billing',
      consumer: 'requeue',
      filterSubject: deployment.names.eventSubjectsOf('catalog'),
      documentStore,
      nats: deployment.nats,
      maxDeliver: 2,
      backoffMs: 20,
      logger: capturingLogger(),
      handlers: eventHandlers(
        on(COUNTED, async (event, uow: UnitOfWork) => {
          runs++;
          const current = await uow.get<{ count: number }>(EFFECTS.name, event.data.key);
          await uow.upsert(EFFECTS.name, event.data.key, { count: (current?.data.count ?? 0) + 1 });
          // Slow enough for two requeues to overlap.
          await new Promise((resolve) => setTimeout(resolve, 200));
          if (broken) throw Object.assign(new Error('the directory does not know this user yet'), { code: 'DIRECTORY.UNKNOWN' });
        }),
      ),
    });
    await consumer.start();
  });

  afterEach(async () => {
    await consumer.stop();
    await documentStore.close();
    await database.drop();
    await deployment.cleanup();
  });

  async function publish(event: IntegrationEventEnvelope<unknown> | Uint8Array, msgID: string = randomUUID()): Promise<void> {
    const data = event instanceof Uint8Array ? event : encodeEnvelope(event);
    await deployment.nats.jetstream().publish(deployment.names.eventSubject(COUNTED.type), data, { msgID });
  }

  async function parkedOf(id: string | null, sequence = 0 as number): Promise<ParkedMessage | null> {
    return (await documentStore.get<ParkedMessage>(PARKED_MESSAGES_COLLECTION.name, parkedMessageId(consumer.consumerName, id, sequence)))?.data ?? null;
  }

  async function countOf(key: string): Promise<number> {
    return (await documentStore.get<{ count: number }>(EFFECTS.name, key))?.data.count ?? 0;
  }

  async function parkOne(key: string): Promise<IntegrationEventEnvelope<{ key: string }>> {
    const event = envelope(key);
    await publish(event, event.id);
    await waitUntil(async () => (await parkedOf(event.id)) !== null, `${key} to be parked`);
    return event;
  }

  it('applies it once however many requeues race, and removes it from the parked messages', async () => {
    const event = await parkOne('raced');
    broken = false;
    const id = parkedMessageId(consumer.consumerName, event.id, 0);
    const outcomes = await Promise.all([consumer.requeue(id), consumer.requeue(id), consumer.requeue(id)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['applied', 'not_found', 'not_found']);
    expect(await countOf('raced')).toBe(1);
    expect(await parkedOf(event.id)).toBeNull();
    expect(await consumer.parkedCount()).toBe(0);
    expect(await consumer.requeue(id)).toEqual({ outcome: 'not_found' });
  });

  it('keeps it parked with the new error when the handler fails again', async () => {
    const event = await parkOne('still-broken');
    const id = parkedMessageId(consumer.consumerName, event.id, 0);
    expect(await consumer.requeue(id)).toEqual({
      outcome: 'failed',
      error: { message: 'the directory does not know this user yet', code: 'DIRECTORY.UNKNOWN' },
    });
    expect(await parkedOf(event.id)).toMatchObject({ messageId: event.id, failedRequeues: 1, error: { code: 'DIRECTORY.UNKNOWN' } });
    expect(await countOf('still-broken')).toBe(0);
  });

  it('changes nothing when the inbox already has the message (a copy applied meanwhile): the inbox drops the duplicate', async () => {
    const event = await parkOne('applied-meanwhile');
    broken = false;
    // The same event published again under another Nats-Msg-Id reaches the handler and applies.
    await publish(event);
    await waitUntil(async () => (await countOf('applied-meanwhile')) === 1, 'the copy to be applied');
    const before = runs;
    expect(await consumer.requeue(parkedMessageId(consumer.consumerName, event.id, 0))).toEqual({ outcome: 'duplicate' });
    expect(runs).toBe(before);
    expect(await countOf('applied-meanwhile')).toBe(1);
    expect(await parkedOf(event.id)).toBeNull();
  });

  it('cannot requeue a payload that is not an envelope, nor what another consumer parked', async () => {
    await publish(new TextEncoder().encode('not json'));
    await waitUntil(async () => (await consumer.parkedCount()) === 1, 'the payload to be parked');
    const [parked] = (await documentStore.find<ParkedMessage>(PARKED_MESSAGES_COLLECTION.name, { where: { consumer: consumer.consumerName } })).items;
    expect(await consumer.requeue(parked!.id)).toEqual({ outcome: 'unreadable' });
    expect(await consumer.requeue(`other-consumer:${randomUUID()}`)).toEqual({ outcome: 'not_found' });
  });
});
