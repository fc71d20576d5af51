import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { ApprovalsEvents, CatalogEvents, type IntegrationEventEnvelope, type TransactionApprovedV1 } from '@broker/contracts';
import { encodeEnvelope, IntegrationEventConsumer, OutboxPublisher } from '@broker/messaging';
import { capturingLogger, createTestDeployment, integrationEnvelope, readStream, waitUntil, type TestDeployment } from '@broker/messaging/testing';
import { PostgresLeaseLock, PostgresDocumentStore, PostgresEventStore, type PostgresConnection } from '@broker/postgres';
import { createTestConnection } from '@broker/postgres/testing';
import { projectionCollection, ProjectionRunner } from '@broker/read-models';
import { catalogEventMapper } from '../integration-event-mapper';
import { productStreamId } from '../products/domain/product.events';
import { ProductRepository } from '../products/product.repository';
import { ApprovedTransactionConsumer } from './apply-approved-transaction/apply-approved-transaction.consumer';
import { subscriptionStreamId } from './domain/subscription.events';
import { subscriptionListProjection, type SubscriptionListEntry } from './subscription-list/subscription-list.projection';
import { SubscriptionRepository } from './subscription.repository';

jest.setTimeout(60_000);

/**
 * Approved transactions reach the catalog as JetStream messages and become subscriptions: on real PostgreSQL and
 * NATS, an `approvals.transaction-approved.v1` envelope published by this test activates a subscription, a
 * re-published copy under another message id (a redelivery JetStream cannot de-duplicate) changes nothing, the list
 * projection shows it, and the outbox publishes `catalog.subscription-activated.v1` with the unit cost.
 */
describe('subscriptions from approved transactions (PostgreSQL + JetStream)', () => {
  let deployment: TestDeployment;
  let database: { connection: PostgresConnection; drop(): Promise<void> };
  let events: PostgresEventStore;
  let documents: PostgresDocumentStore;
  let lock: PostgresLeaseLock;
  let consumer: IntegrationEventConsumer;
  let runner: ProjectionRunner<SubscriptionListEntry>;
  let publisher: OutboxPublisher;

  const resellerId = randomUUID();
  const organizationId = randomUUID();
  const productId = randomUUID();

  const approved = (fields: Partial<TransactionApprovedV1>) =>
    integrationEnvelope(
      ApprovalsEvents.transactionApproved,
      {
        transactionId: randomUUID(), resellerId, organizationId, transactionType: 'order', productId, productName: 'Backup 1 TB', subscriptionId: randomUUID(),
        quantity: 4, previousQuantity: 0, unitPrice: '12.00', annualValue: '576.00', currency: 'SEK', billingFrequency: 'monthly',
        requestedBy: randomUUID(), requestedAt: '2026-03-16T08:00:00.000Z', appliedPolicy: 'none', decidedBy: 'policy', comment: null, byPolicy: true,
        effectiveAt: '2026-03-16T09:00:00.000Z', ...fields,
      },
      { resellerId, organizationId },
    );

  const publish = (envelope: IntegrationEventEnvelope<unknown>, msgID = envelope.id) =>
    deployment.nats.jetstream().publish(deployment.names.eventSubject(envelope.type), encodeEnvelope(envelope), { msgID });

  beforeAll(async () => {
    deployment = await createTestDeployment();
    database = await createTestConnection('catalog_subscriptions');
    events = new PostgresEventStore(database.connection);
    await events.init();
    documents = new PostgresDocumentStore(database.connection);
    await documents.init();
    lock = new PostgresLeaseLock(database.connection);
    await events.appendToStream(
      productStreamId(productId),
      [{ id: randomUUID(), type: 'ProductCreated', data: { productId, resellerId, name: 'Backup 1 TB', vendor: 'Acme', sku: 'BK-1TB', description: '', billingFrequency: 'monthly', price: '12.00', cost: '7.40', currency: 'SEK', createdBy: 'u', createdAt: 't' } }],
      'no_stream',
    );
    const handlers = new ApprovedTransactionConsumer(new SubscriptionRepository(events), new ProductRepository(events), pino({ level: 'silent' })).handlers();
    consumer = new IntegrationEventConsumer({
      names: deployment.names, service: 'catalog', consumer: 'approvals', filterSubject: deployment.names.eventSubjectsOf('approvals'),
      documentStore: documents, handlers, nats: deployment.nats, backoffMs: 100, logger: capturingLogger(),
    });
    await consumer.start();
    await documents.ensureCollection({ name: projectionCollection(subscriptionListProjection), indexes: subscriptionListProjection.indexes ?? {} });
    runner = new ProjectionRunner({ projection: subscriptionListProjection, eventStore: events, documentStore: documents, leaderLock: lock, idleWaitMs: 100 });
    runner.start();
    publisher = new OutboxPublisher({
      service: 'catalog', names: deployment.names, eventStore: events, checkpoints: documents.checkpoints, leaderLock: lock, nats: deployment.nats,
      mapper: catalogEventMapper, idleWaitMs: 100, lockRetryMs: 100, logger: capturingLogger(),
    });
    await publisher.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await runner?.stop();
    await publisher?.stop();
    await lock?.close();
    await events?.close();
    await documents?.close();
    await database?.drop();
    await deployment?.cleanup();
  });

  it('activates a subscription once, lists it, and publishes it with the unit cost and the approval time', async () => {
    const order = approved({});
    const { subscriptionId } = order.data;
    await publish(order);
    await waitUntil(async () => (await events.readStream(subscriptionStreamId(subscriptionId))).length > 0, 'the subscription stream');
    // The same envelope again under another message id: JetStream delivers it; the inbox and event ids absorb it.
    await publish(order, randomUUID());
    await waitUntil(() => consumer.stats().duplicates >= 1, 'the duplicate to be acknowledged');
    const stream = await events.readStream(subscriptionStreamId(subscriptionId));
    expect(stream.map((e) => [e.type, e.data.quantity, e.data.unitPrice, e.data.unitCost])).toEqual([['SubscriptionActivated', 4, '12.00', '7.40']]);

    await waitUntil(async () => (await documents.get(projectionCollection(subscriptionListProjection), subscriptionId)) !== null, 'the list entry');
    const listed = await documents.get<SubscriptionListEntry>(projectionCollection(subscriptionListProjection), subscriptionId);
    expect(listed?.data).toEqual({
      id: subscriptionId, resellerId, organizationId, productId, productName: 'Backup 1 TB', quantity: 4, price: '12.00', currency: 'SEK',
      billingFrequency: 'monthly', status: 'active', startedAt: '2026-03-16T09:00:00.000Z', cancelledAt: null, assignedUserIds: [],
    });

    let published: Record<string, unknown> | undefined;
    await waitUntil(async () => {
      const messages = await readStream(deployment.jsm, deployment.names.eventStream);
      published = messages.find((m) => m.json.type === CatalogEvents.subscriptionActivated.type && (m.json.data as { subscriptionId?: string }).subscriptionId === subscriptionId)?.json;
      return published !== undefined;
    }, 'catalog.subscription-activated.v1 on JetStream');
    expect(published).toMatchObject({ resellerId, organizationId, causationId: order.id, data: { unitPrice: '12.00', unitCost: '7.40', quantity: 4, effectiveAt: '2026-03-16T09:00:00.000Z', transactionId: order.data.transactionId } });
  });

  it('applies an approved decrease after assignments by unassigning the most recently assigned, and publishes that', async () => {
    const order = approved({ quantity: 3 });
    const { subscriptionId } = order.data;
    await publish(order);
    await waitUntil(async () => (await events.readStream(subscriptionStreamId(subscriptionId))).length > 0, 'the subscription');
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
    await new SubscriptionRepository(events).execute(subscriptionId, { type: 'SetAssignments', data: { subscriptionId, userIds: [first!, second!, third!] }, actorId: 'u-admin', at: new Date() }, {});
    await publish(approved({ subscriptionId, transactionType: 'change', quantity: 1, previousQuantity: 3 }));
    await waitUntil(async () => (await events.readStream(subscriptionStreamId(subscriptionId))).length >= 4, 'the decrease');
    const stream = await events.readStream(subscriptionStreamId(subscriptionId));
    expect(stream.slice(2).map((e) => [e.type, e.data.userIds ?? e.data.quantity, e.data.reason ?? null])).toEqual([
      ['SubscriptionQuantityChanged', 1, null],
      ['LicencesAssigned', [first], 'quantity_decreased'],
    ]);
    await waitUntil(async () => {
      const messages = await readStream(deployment.jsm, deployment.names.eventStream);
      return messages.some((m) => m.json.type === CatalogEvents.licencesAssigned.type && (m.json.data as { reason?: string; subscriptionId?: string }).reason === 'quantity_decreased' && (m.json.data as { subscriptionId?: string }).subscriptionId === subscriptionId);
    }, 'catalog.licences-assigned.v1 for the decrease');
  });
});
