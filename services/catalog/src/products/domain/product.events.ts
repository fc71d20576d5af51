import type { BillingFrequency } from '@broker/contracts';

/** The fields of a product; money as decimal strings with the decimals of `currency` (the reseller's, fixed at creation). */
export type ProductFields = {
  productId: string;
  resellerId: string;
  name: string;
  vendor: string;
  sku: string;
  description: string;
  billingFrequency: BillingFrequency;
  price: string;
  cost: string;
  currency: string;
};

/** Internal events of the product stream (`product-<id>`). ProductChanged carries the whole product after the change. */
export type ProductEvent =
  | { type: 'ProductCreated'; data: ProductFields & { createdBy: string; createdAt: string } }
  | { type: 'ProductChanged'; data: ProductFields & { changedFields: string[]; changedBy: string; changedAt: string } };

export const productStreamId = (productId: string): string => `product-${productId}`;
