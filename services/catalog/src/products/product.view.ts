import { amountIn, type ProductView } from '@broker/contracts';
import type { ProductState } from './domain/product.decider';
import { ProductNotFoundError } from './domain/product.errors';

export function toProductView(state: ProductState): ProductView {
  if (state.status !== 'active') throw new ProductNotFoundError('unknown');
  const { productId, resellerId, name, vendor, sku, description, billingFrequency, price, cost, currency, createdAt, updatedAt } = state;
  return { id: productId, resellerId, name, vendor, sku, description, billingFrequency, price: amountIn(price, currency), cost: amountIn(cost, currency), currency, createdAt, updatedAt };
}

/** A product of the catalog list as answers show it: amounts recorded with two decimals show with the currency's. */
export function withAmountsInCurrency(view: ProductView): ProductView {
  return { ...view, price: amountIn(view.price, view.currency), cost: amountIn(view.cost, view.currency) };
}
