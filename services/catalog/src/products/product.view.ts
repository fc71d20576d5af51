import type { ProductView } from '@broker/contracts';
import type { ProductState } from './domain/product.decider';
import { ProductNotFoundError } from './domain/product.errors';

export function toProductView(state: ProductState): ProductView {
  if (state.status !== 'active') throw new ProductNotFoundError('unknown');
  const { productId, resellerId, name, vendor, sku, description, billingFrequency, price, cost, currency, createdAt, updatedAt } = state;
  return { id: productId, resellerId, name, vendor, sku, description, billingFrequency, price, cost, currency, createdAt, updatedAt };
}
