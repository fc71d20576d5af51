import { amountIn, type Quote } from '@broker/contracts';
import type { ActiveProduct } from '../products/product.repository';
import { storeEntryOf, type StoreState } from '../store/domain/store.decider';
import { organizationPrice } from '../store/store.view';
import type { SubscriptionState } from '../subscriptions/domain/subscription.decider';

export interface QuoteInput {
  organization: { organizationId: string; resellerId: string };
  store: StoreState;
  /** The product asked about, or the subscription's product; null when it does not exist. */
  product: ActiveProduct | null;
  /** Present when the quote is for a change or cancellation. */
  subscription?: SubscriptionState;
  productId?: string;
}

/**
 * What the organization pays for a product at this moment, or null (CATALOG.NOT_FOUND) when it may not:
 * - a new order: only a product of the organization's store, at the store's organization price if set, else the
 *   catalog price;
 * - a subscription: only one of this organization (and of `productId` when given); priced as its product is in the
 *   store now, or, when the product has left the store, at the subscription's own price, so it can still be changed
 *   or cancelled. Its quantity, assigned users, status and sequence come along. One not applied here yet but named
 *   with its product is quoted as that product, with no subscription.
 */
export function priceQuote(input: QuoteInput): Quote | null {
  const { organization, store, product, subscription } = input;
  const { organizationId, resellerId } = organization;
  const ownProduct = product && product.resellerId === resellerId ? product : null;
  // A subscription not applied here yet (approved a moment ago), named with its product: quoted as that product.
  if (subscription && !(subscription.status === 'none' && input.productId !== undefined)) {
    if (subscription.status === 'none' || subscription.organizationId !== organizationId || subscription.resellerId !== resellerId) return null;
    if (input.productId !== undefined && input.productId !== subscription.productId) return null;
    const entry = storeEntryOf(store, subscription.productId);
    return {
      organizationId,
      resellerId,
      productId: subscription.productId,
      productName: ownProduct?.name ?? subscription.productName,
      billingFrequency: subscription.billingFrequency,
      unitPrice: entry && ownProduct ? organizationPrice(entry, ownProduct) : amountIn(subscription.unitPrice, subscription.currency),
      currency: subscription.currency,
      subscription: {
        id: subscription.subscriptionId,
        quantity: subscription.quantity,
        assignedCount: subscription.assignedUserIds.length,
        status: subscription.status,
        sequence: subscription.sequence,
      },
    };
  }
  if (!ownProduct || ownProduct.productId !== input.productId) return null;
  const entry = storeEntryOf(store, ownProduct.productId);
  if (!entry) return null;
  return {
    organizationId,
    resellerId,
    productId: ownProduct.productId,
    productName: ownProduct.name,
    billingFrequency: ownProduct.billingFrequency,
    unitPrice: organizationPrice(entry, ownProduct),
    currency: ownProduct.currency,
    subscription: null,
  };
}
