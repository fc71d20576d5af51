import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { productDecider } from './product.decider';
import type { ProductFields } from './product.events';
import { ProductAlreadyExistsError, ProductNotFoundError } from './product.errors';

const spec = DeciderSpecification.for(productDecider);
const at = new Date('2026-03-16T09:00:00Z');
const later = new Date('2026-03-17T10:00:00Z');
const fields: ProductFields = {
  productId: 'p-1', resellerId: 'r-1', name: 'Microsoft 365 E3', vendor: 'Microsoft', sku: 'M365-E3', description: 'Office apps',
  billingFrequency: 'monthly', price: '10.50', cost: '8.00', currency: 'EUR',
};
const created = { type: 'ProductCreated' as const, data: { ...fields, createdBy: 'u-1', createdAt: at.toISOString() } };

describe('product decider', () => {
  it('creates a product once', () => {
    spec.when({ type: 'CreateProduct', data: fields, actorId: 'u-1', at }).then([created]);
    spec.given([created]).when({ type: 'CreateProduct', data: fields, actorId: 'u-1', at }).thenThrows(ProductAlreadyExistsError);
  });

  it('records a partial change as the whole product after it, naming the changed fields', () => {
    spec
      .given([created])
      .when({ type: 'ChangeProduct', data: { productId: 'p-1', changes: { price: '11.00', name: 'Microsoft 365 E3', cost: '8.00' } }, actorId: 'u-2', at: later })
      .then([{ type: 'ProductChanged', data: { ...fields, price: '11.00', changedFields: ['price'], changedBy: 'u-2', changedAt: later.toISOString() } }]);
  });

  it('records nothing when nothing changes', () => {
    spec.given([created]).when({ type: 'ChangeProduct', data: { productId: 'p-1', changes: { sku: 'M365-E3', vendor: 'Microsoft' } }, actorId: 'u-2', at }).then([]);
    spec.given([created]).when({ type: 'ChangeProduct', data: { productId: 'p-1', changes: {} }, actorId: 'u-2', at }).then([]);
  });

  it('refuses to change a product that does not exist', () => {
    spec.when({ type: 'ChangeProduct', data: { productId: 'p-9', changes: { price: '1.00' } }, actorId: 'u-2', at }).thenThrows(ProductNotFoundError);
  });

  it('evolves to the latest fields and keeps the creation time', () => {
    const changed = { type: 'ProductChanged' as const, data: { ...fields, billingFrequency: 'annual' as const, changedFields: ['billingFrequency'], changedBy: 'u-2', changedAt: later.toISOString() } };
    const state = [created, changed].reduce(productDecider.evolve, productDecider.initialState());
    expect(state).toEqual({ status: 'active', ...fields, billingFrequency: 'annual', createdAt: at.toISOString(), updatedAt: later.toISOString() });
  });
});
