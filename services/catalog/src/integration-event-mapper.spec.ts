import type { RecordedEvent } from '@broker/event-sourcing';
import { catalogEventMapper } from './integration-event-mapper';

const recorded = (streamId: string, type: string, data: Record<string, unknown>, revision = 0n): RecordedEvent => ({
  id: `e-${type}-${revision}`,
  streamId,
  revision,
  position: { commit: 1n, prepare: revision },
  type,
  schemaVersion: 1,
  data,
  metadata: { correlationId: 'c-1', actorId: 'u-1' },
  recordedAt: new Date('2026-03-16T09:00:00Z'),
});

const facts = {
  subscriptionId: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', productName: 'E3', billingFrequency: 'monthly',
  unitPrice: '10.50', unitCost: '8.00', currency: 'EUR',
};
const product = { productId: 'p-1', resellerId: 'r-1', name: 'E3', vendor: 'Microsoft', sku: 'E3', description: '', billingFrequency: 'monthly', price: '10.50', cost: '8.00', currency: 'EUR' };

describe('catalog integration event mapper', () => {
  it('publishes subscription events with unit cost and effective time, tenant from the data', () => {
    const activated = catalogEventMapper(recorded('subscription-s-1', 'SubscriptionActivated', { ...facts, quantity: 3, transactionId: 't-1', effectiveAt: '2026-03-16T09:00:00.000Z' }));
    expect(activated).toEqual({
      id: 'e-SubscriptionActivated-0', type: 'catalog.subscription-activated.v1', occurredAt: '2026-03-16T09:00:00.000Z', correlationId: 'c-1', causationId: 'c-1', actorId: 'u-1',
      resellerId: 'r-1', organizationId: 'o-1',
      data: { ...facts, quantity: 3, transactionId: 't-1', effectiveAt: '2026-03-16T09:00:00.000Z' },
    });
    const changed = catalogEventMapper(recorded('subscription-s-1', 'SubscriptionQuantityChanged', { ...facts, quantity: 5, previousQuantity: 3, transactionId: 't-2', effectiveAt: 'x' }, 1n));
    expect(changed).toMatchObject({ type: 'catalog.subscription-quantity-changed.v1', data: { quantity: 5, previousQuantity: 3, unitCost: '8.00', effectiveAt: 'x' } });
    const cancelled = catalogEventMapper(recorded('subscription-s-1', 'SubscriptionCancelled', { ...facts, quantity: 5, transactionId: 't-3', effectiveAt: 'y' }, 2n));
    expect(cancelled).toMatchObject({ type: 'catalog.subscription-cancelled.v1', organizationId: 'o-1', data: { quantity: 5, effectiveAt: 'y', transactionId: 't-3' } });
  });

  it('publishes licence assignments with the holders before and after and the subscription revision', () => {
    const envelope = catalogEventMapper(
      recorded('subscription-s-1', 'LicencesAssigned', {
        subscriptionId: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', userIds: ['u-b'], previousUserIds: ['u-a'], assignedBy: 'u-1', assignedAt: 't', reason: 'assigned',
      }, 4n),
    );
    expect(envelope).toMatchObject({
      type: 'catalog.licences-assigned.v1',
      resellerId: 'r-1',
      organizationId: 'o-1',
      data: { subscriptionId: 's-1', productId: 'p-1', userIds: ['u-b'], previousUserIds: ['u-a'], assignedBy: 'u-1', assignedAt: 't', reason: 'assigned', subscriptionRevision: 4 },
    });
  });

  it('publishes products (with cost, for billing) and store curations; keeps SKU claims internal', () => {
    expect(catalogEventMapper(recorded('product-p-1', 'ProductCreated', { ...product, createdBy: 'u-1', createdAt: 't' }))).toMatchObject({
      type: 'catalog.product-created.v1', resellerId: 'r-1', organizationId: null, data: { ...product, createdBy: 'u-1', createdAt: 't' },
    });
    expect(catalogEventMapper(recorded('product-p-1', 'ProductChanged', { ...product, price: '11.00', changedFields: ['price'], changedBy: 'u-1', changedAt: 't' }, 1n))).toMatchObject({
      type: 'catalog.product-changed.v1', data: { price: '11.00', changedFields: ['price'] },
    });
    expect(catalogEventMapper(recorded('store-o-1', 'StoreCurated', { organizationId: 'o-1', resellerId: 'r-1', products: [{ productId: 'p-1', price: null }], curatedBy: 'u-1', curatedAt: 't' }))).toMatchObject({
      type: 'catalog.store-curated.v1', resellerId: 'r-1', organizationId: 'o-1', data: { products: [{ productId: 'p-1', price: null }] },
    });
    expect(catalogEventMapper(recorded('sku-x', 'SkuClaimed', { resellerId: 'r-1', sku: 'E3', productId: 'p-1', claimedAt: 't' }))).toBeNull();
    expect(catalogEventMapper(recorded('sku-x', 'SkuReleased', { resellerId: 'r-1', sku: 'E3', productId: 'p-1', releasedAt: 't' }))).toBeNull();
  });
});
