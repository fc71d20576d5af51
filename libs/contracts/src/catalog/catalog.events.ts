import { event } from '../event-contract';

/** Integration events published by the catalog service. */
export const CatalogEvents = {
  productCreated: event<ProductCreatedV1>('catalog.product-created.v1'),
  productChanged: event<ProductChangedV1>('catalog.product-changed.v1'),
  storeCurated: event<StoreCuratedV1>('catalog.store-curated.v1'),
  subscriptionActivated: event<SubscriptionActivatedV1>('catalog.subscription-activated.v1'),
  subscriptionQuantityChanged: event<SubscriptionQuantityChangedV1>('catalog.subscription-quantity-changed.v1'),
  subscriptionCancelled: event<SubscriptionCancelledV1>('catalog.subscription-cancelled.v1'),
  licencesAssigned: event<LicencesAssignedV1>('catalog.licences-assigned.v1'),
} as const;

export type BillingFrequencyV1 = 'monthly' | 'annual';

/** A product of a reseller's catalog as it is after the event. `price` and `cost` are decimals in `currency`, with its number of decimals (see money.ts). */
export interface ProductFactsV1 {
  productId: string;
  resellerId: string;
  name: string;
  vendor: string;
  sku: string;
  description: string;
  billingFrequency: BillingFrequencyV1;
  price: string;
  cost: string;
  currency: string;
}

export type ProductCreatedV1 = ProductFactsV1 & { createdBy: string; createdAt: string };

/** The whole product after the change, and the names of the fields that changed. */
export type ProductChangedV1 = ProductFactsV1 & { changedFields: string[]; changedBy: string; changedAt: string };

/** The organization's curated e-store after the change ("set to"); `price` null means the catalog price applies. */
export interface StoreCuratedV1 {
  organizationId: string;
  resellerId: string;
  products: { productId: string; price: string | null }[];
  curatedBy: string;
  curatedAt: string;
}

export interface SubscriptionFactsV1 {
  subscriptionId: string;
  resellerId: string;
  organizationId: string;
  productId: string;
  productName: string;
  billingFrequency: 'monthly' | 'annual';
  /** Sell price per unit per period and the reseller's cost, decimals in `currency` (its number of decimals). */
  unitPrice: string;
  unitCost: string;
  currency: string;
  quantity: number;
  /** When the change takes effect (the approval time of the transaction that caused it). */
  effectiveAt: string;
  transactionId: string;
  /**
   * The transaction's place among the subscription's approved transactions (the order is 0); the catalog applies them
   * in this order. Absent on events from before sequences (their order is the order of the events).
   */
  sequence?: number;
}

export type SubscriptionActivatedV1 = SubscriptionFactsV1;
export type SubscriptionQuantityChangedV1 = SubscriptionFactsV1 & { previousQuantity: number };
/** `quantity` is the quantity the subscription had until it was cancelled (at `effectiveAt`). */
export type SubscriptionCancelledV1 = SubscriptionFactsV1;

/**
 * Why the holders changed: an admin set them (`assigned`, covering assign, unassign and move), an approved quantity
 * decrease found more holders than seats (`quantity_decreased`: the most recently assigned lost theirs), or the
 * subscription was cancelled (`subscription_cancelled`: every licence is freed).
 */
export type LicenceChangeReasonV1 = 'assigned' | 'quantity_decreased' | 'subscription_cancelled';

/** The full set of users holding licences of a subscription after a change (assign, unassign or move). A cancellation frees them all. */
export interface LicencesAssignedV1 {
  subscriptionId: string;
  resellerId: string;
  organizationId: string;
  productId: string;
  /** In the order the licences were assigned (the most recently assigned last). */
  userIds: string[];
  previousUserIds: string[];
  assignedAt: string;
  /** The user who set the holders, or `system`. */
  assignedBy: string;
  reason: LicenceChangeReasonV1;
  /**
   * Grows with every change of the subscription: a consumer that has applied a later change of the same
   * subscription ignores an earlier one delivered late.
   */
  subscriptionRevision: number;
}
