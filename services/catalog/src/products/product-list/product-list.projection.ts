import type { ProductView } from '@broker/contracts';
import type { Projection } from '@broker/read-models';
import type { ProductEvent } from '../domain/product.events';

/** Every reseller's catalog (with cost), for its admins' list. */
export const productListProjection: Projection<ProductView> = {
  name: 'catalog_products',
  version: 1,
  handles: ['ProductCreated', 'ProductChanged'],
  indexes: { resellerId: 'string', name: 'string' },
  documentId: (event) => String(event.data.productId),
  evolve(document, recorded) {
    const event = { type: recorded.type, data: recorded.data } as ProductEvent;
    switch (event.type) {
      case 'ProductCreated': {
        const { productId, resellerId, name, vendor, sku, description, billingFrequency, price, cost, currency, createdAt } = event.data;
        return { id: productId, resellerId, name, vendor, sku, description, billingFrequency, price, cost, currency, createdAt, updatedAt: createdAt };
      }
      case 'ProductChanged': {
        if (!document) return null;
        const { name, vendor, sku, description, billingFrequency, price, cost, changedAt } = event.data;
        return { ...document, name, vendor, sku, description, billingFrequency, price, cost, updatedAt: changedAt };
      }
      default:
        return document;
    }
  },
};
