import { amountIn, type StoreItemView, type StoreView } from '@broker/contracts';
import type { ActiveProduct } from '../products/product.repository';
import type { StoreEntry } from './domain/store.events';
import type { StoreState } from './domain/store.decider';

/**
 * What the organization pays per unit per period: its own price when the store sets one, else the catalog price;
 * with the decimals of the product's currency.
 */
export function organizationPrice(entry: StoreEntry, product: Pick<ActiveProduct, 'price'> & Partial<Pick<ActiveProduct, 'currency'>>): string {
  return amountIn(entry.price ?? product.price, product.currency);
}

/** The store as the organization sees it (its version aside): never the cost. Products of another reseller never show. */
export function toStoreView(state: StoreState, products: ReadonlyMap<string, ActiveProduct>): Omit<StoreView, 'version'> {
  const items: StoreItemView[] = [];
  for (const entry of state.products) {
    const product = products.get(entry.productId);
    if (!product || product.resellerId !== state.resellerId) continue;
    const { productId, name, vendor, description, billingFrequency, currency } = product;
    items.push({ productId, name, vendor, description, billingFrequency, price: organizationPrice(entry, product), currency });
  }
  return { items };
}
