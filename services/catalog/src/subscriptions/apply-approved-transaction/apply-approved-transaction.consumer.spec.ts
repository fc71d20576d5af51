import pino from 'pino';
import { ApprovalsEvents, type TransactionApprovedV1 } from '@broker/contracts';
import { integrationEnvelope } from '@broker/messaging/testing';
import { InMemoryEventStore } from '@broker/event-sourcing/testing';
import { ProductRepository } from '../../products/product.repository';
import { productStreamId } from '../../products/domain/product.events';
import { subscriptionStreamId } from '../domain/subscription.events';
import { SubscriptionRepository } from '../subscription.repository';
import { ApprovedTransactionConsumer } from './apply-approved-transaction.consumer';

const product = {
  productId: 'p-1', resellerId: 'r-1', name: 'Microsoft 365 E3', vendor: 'Microsoft', sku: 'M365-E3', description: '',
  billingFrequency: 'monthly', price: '10.50', cost: '8.00', currency: 'EUR', createdBy: 'u-0', createdAt: '2026-03-01T00:00:00.000Z',
};

const approved = (messageId: string, fields: Partial<TransactionApprovedV1>) =>
  integrationEnvelope(
    ApprovalsEvents.transactionApproved,
    {
      transactionId: 't-1', resellerId: 'r-1', organizationId: 'o-1', transactionType: 'order', productId: 'p-1', productName: 'Microsoft 365 E3',
      subscriptionId: 's-1', quantity: 3, previousQuantity: 0, unitPrice: '9.90', annualValue: '356.40', currency: 'EUR', billingFrequency: 'monthly',
      requestedBy: 'u-1', requestedAt: '2026-03-16T08:00:00.000Z', appliedPolicy: 'none', decidedBy: 'policy', comment: null, byPolicy: true,
      effectiveAt: '2026-03-16T09:00:00.000Z', ...fields,
    },
    { id: messageId, occurredAt: '2026-03-16T09:00:00.000Z', correlationId: 'c-1', causationId: 'c-1', resellerId: 'r-1', organizationId: 'o-1' },
  );

describe('approved transaction consumer', () => {
  let store: InMemoryEventStore;
  let consumer: ApprovedTransactionConsumer;
  const subscriptionEvents = async () => (await store.readStream(subscriptionStreamId('s-1'))).map((e) => ({ id: e.id, type: e.type, data: e.data }));

  beforeEach(async () => {
    store = new InMemoryEventStore();
    await store.appendToStream(productStreamId('p-1'), [{ id: 'e-p', type: 'ProductCreated', data: product }], 'no_stream');
    consumer = new ApprovedTransactionConsumer(new SubscriptionRepository(store), new ProductRepository(store), pino({ level: 'silent' }));
  });

  it('activates the subscription at the approval time, with the quoted price and the product cost', async () => {
    await consumer.apply(approved('m-1', {}));
    const events = await subscriptionEvents();
    expect(events).toEqual([
      {
        id: expect.any(String),
        type: 'SubscriptionActivated',
        data: {
          subscriptionId: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', productName: 'Microsoft 365 E3', billingFrequency: 'monthly',
          unitPrice: '9.90', unitCost: '8.00', currency: 'EUR', quantity: 3, transactionId: 't-1', effectiveAt: '2026-03-16T09:00:00.000Z',
        },
      },
    ]);
    const [recorded] = await store.readStream(subscriptionStreamId('s-1'));
    expect(recorded!.metadata).toMatchObject({ correlationId: 'c-1', causationId: 'm-1', actorId: 'policy', resellerId: 'r-1', organizationId: 'o-1' });
  });

  it('appends nothing twice when the same message is delivered again', async () => {
    await consumer.apply(approved('m-1', {}));
    const first = await subscriptionEvents();
    await consumer.apply(approved('m-1', {}));
    expect(await subscriptionEvents()).toEqual(first);
  });

  it('derives event ids from the message id, so an append retried after a lost reply stores nothing twice', async () => {
    await consumer.apply(approved('m-1', {}));
    const id = (await subscriptionEvents())[0]!.id;
    const again = new InMemoryEventStore();
    await again.appendToStream(productStreamId('p-1'), [{ id: 'e-p', type: 'ProductCreated', data: product }], 'no_stream');
    await new ApprovedTransactionConsumer(new SubscriptionRepository(again), new ProductRepository(again), pino({ level: 'silent' })).apply(approved('m-1', {}));
    expect((await again.readStream(subscriptionStreamId('s-1')))[0]!.id).toBe(id);
  });

  it('applies a change and a cancellation, each once, and ignores a change of a cancelled subscription', async () => {
    await consumer.apply(approved('m-1', {}));
    await consumer.apply(approved('m-2', { transactionId: 't-2', transactionType: 'change', quantity: 5, previousQuantity: 3, effectiveAt: '2026-04-01T00:00:00.000Z' }));
    await consumer.apply(approved('m-2', { transactionId: 't-2', transactionType: 'change', quantity: 5, previousQuantity: 3, effectiveAt: '2026-04-01T00:00:00.000Z' }));
    await consumer.apply(approved('m-3', { transactionId: 't-3', transactionType: 'cancel', quantity: 0, previousQuantity: 5, effectiveAt: '2026-05-01T00:00:00.000Z' }));
    await consumer.apply(approved('m-4', { transactionId: 't-4', transactionType: 'change', quantity: 2, previousQuantity: 5 }));
    expect((await subscriptionEvents()).map((e) => [e.type, e.data.quantity])).toEqual([
      ['SubscriptionActivated', 3],
      ['SubscriptionQuantityChanged', 5],
      ['SubscriptionCancelled', 5],
    ]);
  });

  it('refuses (for retry and parking) a transaction naming a product of another reseller', async () => {
    await expect(consumer.apply(approved('m-1', { resellerId: 'r-2' }))).rejects.toThrow(/not a product of reseller r-2/);
    expect(await subscriptionEvents()).toEqual([]);
  });
});
