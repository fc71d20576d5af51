/** Integration events published by the catalog service. */
export const CatalogEventTypes = {
  productCreated: 'catalog.product-created.v1',
  productChanged: 'catalog.product-changed.v1',
  storeCurated: 'catalog.store-curated.v1',
  subscriptionActivated: 'catalog.subscription-activated.v1',
  subscriptionQuantityChanged: 'catalog.subscription-quantity-changed.v1',
  subscriptionCancelled: 'catalog.subscription-cancelled.v1',
  licencesAssigned: 'catalog.licences-assigned.v1',
} as const;

export interface SubscriptionFactsV1 {
  subscriptionId: string;
  resellerId: string;
  organizationId: string;
  productId: string;
  productName: string;
  billingFrequency: 'monthly' | 'annual';
  /** Sell price per unit per period and the reseller's cost, two-place decimals in `currency`. */
  unitPrice: string;
  unitCost: string;
  currency: string;
  quantity: number;
  /** When the change takes effect (the approval time of the transaction that caused it). */
  effectiveAt: string;
  transactionId: string;
}

export type SubscriptionActivatedV1 = SubscriptionFactsV1;
export type SubscriptionQuantityChangedV1 = SubscriptionFactsV1 & { previousQuantity: number };
export type SubscriptionCancelledV1 = SubscriptionFactsV1;

/** The full set of users holding licences of a subscription after a change (assign, unassign or move). */
export interface LicencesAssignedV1 {
  subscriptionId: string;
  resellerId: string;
  organizationId: string;
  productId: string;
  userIds: string[];
  previousUserIds: string[];
  assignedAt: string;
}
