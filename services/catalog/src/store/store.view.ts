import type { StoreItemView, StoreView } from '@broker/contracts';
import type { ActiveProduct } from '../products/product-repository/product-repository';
import type { StoreEntry } from './domain/store.events';
import type { StoreState } from './domain/store.decider';

/** What the organization pays per unit per period: its own price when the store sets one, else the catalog price. */
export function organizationPrice(entry: StoreEntry, product: Pick<ActiveProduct, 'price'>): string {
  return entry.price ?? product.price;
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
