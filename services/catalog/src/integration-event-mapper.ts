import { CatalogEvents, type ProductFactsV1, type SubscriptionFactsV1 } from '@broker/contracts';
import { envelopeFromEvent, type IntegrationEventMapper } from '@broker/messaging';
import type { ProductEvent, ProductFields } from './products/domain/product.events';
import type { SkuClaimEvent } from './products/domain/sku-claim.decider';
import type { StoreEvent } from './store/domain/store.events';
import type { AppliedTransaction, SubscriptionEvent, SubscriptionFacts } from './subscriptions/domain/subscription.events';

type ServiceEvent = ProductEvent | SkuClaimEvent | StoreEvent | SubscriptionEvent;

const productFacts = (p: ProductFields): ProductFactsV1 => ({
  productId: p.productId, resellerId: p.resellerId, name: p.name, vendor: p.vendor, sku: p.sku, description: p.description,
  billingFrequency: p.billingFrequency, price: p.price, cost: p.cost, currency: p.currency,
});

const subscriptionFacts = (s: SubscriptionFacts & { quantity: number } & AppliedTransaction): SubscriptionFactsV1 => ({
  subscriptionId: s.subscriptionId, resellerId: s.resellerId, organizationId: s.organizationId, productId: s.productId, productName: s.productName,
  billingFrequency: s.billingFrequency, unitPrice: s.unitPrice, unitCost: s.unitCost, currency: s.currency, quantity: s.quantity,
  effectiveAt: s.effectiveAt, transactionId: s.transactionId, ...(s.sequence === undefined ? {} : { sequence: s.sequence }),
});

const tenantOf = (s: SubscriptionFacts) => ({ resellerId: s.resellerId, organizationId: s.organizationId });

/**
 * The one place where internal events of the catalog become integration events (or stay internal). The tenant of
 * every envelope comes from the event's own data.
 */
export const catalogEventMapper: IntegrationEventMapper = (recorded) => {
  const event = { type: recorded.type, data: recorded.data } as ServiceEvent;
  switch (event.type) {
    case 'ProductCreated': {
      const { resellerId, createdBy, createdAt } = event.data;
      return envelopeFromEvent(
        recorded,
        CatalogEvents.productCreated,
        { ...productFacts(event.data), createdBy, createdAt },
        { resellerId, organizationId: null },
      );
    }
    case 'ProductChanged': {
      const { resellerId, changedFields, changedBy, changedAt } = event.data;
      return envelopeFromEvent(
        recorded,
        CatalogEvents.productChanged,
        { ...productFacts(event.data), changedFields: [...changedFields], changedBy, changedAt },
        { resellerId, organizationId: null },
      );
    }
    case 'StoreCurated': {
      const { organizationId, resellerId, products, curatedBy, curatedAt } = event.data;
      const curated = products.map((p) => ({ productId: p.productId, price: p.price }));
      return envelopeFromEvent(
        recorded,
        CatalogEvents.storeCurated,
        { organizationId, resellerId, products: curated, curatedBy, curatedAt },
        { resellerId, organizationId },
      );
    }
    case 'SubscriptionActivated':
      return envelopeFromEvent(recorded, CatalogEvents.subscriptionActivated, subscriptionFacts(event.data), tenantOf(event.data));
    case 'SubscriptionQuantityChanged': {
      const { previousQuantity } = event.data;
      return envelopeFromEvent(
        recorded,
        CatalogEvents.subscriptionQuantityChanged,
        { ...subscriptionFacts(event.data), previousQuantity },
        tenantOf(event.data),
      );
    }
    case 'SubscriptionCancelled':
      return envelopeFromEvent(recorded, CatalogEvents.subscriptionCancelled, subscriptionFacts(event.data), tenantOf(event.data));
    case 'LicencesAssigned': {
      const { subscriptionId, resellerId, organizationId, productId, userIds, previousUserIds, assignedAt, assignedBy, reason } = event.data;
      return envelopeFromEvent(
        recorded,
        CatalogEvents.licencesAssigned,
        {
          subscriptionId, resellerId, organizationId, productId, userIds: [...userIds], previousUserIds: [...previousUserIds], assignedAt, assignedBy, reason,
          subscriptionRevision: Number(recorded.revision),
        },
        { resellerId, organizationId },
      );
    }
    // SKU claims keep SKUs unique within a catalog; held approvals wait for their turn: both stay inside.
    case 'SkuClaimed':
    case 'SkuReleased':
    case 'ApprovedTransactionHeld':
      return null;
    default:
      return null;
  }
};
