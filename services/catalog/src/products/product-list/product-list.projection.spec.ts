import type { RecordedEvent } from '@broker/event-sourcing';
import { productListProjection as projection } from './product-list.projection';

const product = { productId: 'p-1', resellerId: 'r-1', name: 'E3', vendor: 'Microsoft', sku: 'E3', description: 'd', billingFrequency: 'monthly', price: '10.50', cost: '8.00', currency: 'EUR' };
const recorded = (type: string, data: Record<string, unknown>, revision: bigint): RecordedEvent => ({
  id: `e-${revision}`, streamId: 'product-p-1', revision, position: { commit: revision, prepare: 0n }, type, schemaVersion: 1, data, metadata: {}, recordedAt: new Date(),
});

describe('product list projection', () => {
  it('lists a product with its cost and follows changes', () => {
    const created = projection.evolve(null, recorded('ProductCreated', { ...product, createdBy: 'u-1', createdAt: 't0' }, 0n));
    expect(created).toEqual({ id: 'p-1', resellerId: 'r-1', name: 'E3', vendor: 'Microsoft', sku: 'E3', description: 'd', billingFrequency: 'monthly', price: '10.50', cost: '8.00', currency: 'EUR', createdAt: 't0', updatedAt: 't0' });
    const changed = projection.evolve(created, recorded('ProductChanged', { ...product, sku: 'E3-NEW', cost: '7.00', changedFields: ['sku', 'cost'], changedBy: 'u-1', changedAt: 't1' }, 1n));
    expect(changed).toMatchObject({ sku: 'E3-NEW', cost: '7.00', createdAt: 't0', updatedAt: 't1' });
    expect(projection.evolve(null, recorded('ProductChanged', { ...product, changedFields: [], changedBy: 'u', changedAt: 't' }, 1n))).toBeNull();
  });
});
