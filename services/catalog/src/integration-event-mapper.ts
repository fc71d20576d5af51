import {
  CatalogEventTypes,
  type LicencesAssignedV1,
  type ProductChangedV1,
  type ProductCreatedV1,
  type StoreCuratedV1,
  type SubscriptionActivatedV1,
  type SubscriptionCancelledV1,
  type SubscriptionFactsV1,
  type SubscriptionQuantityChangedV1,
} from '@broker/contracts';
import { envelopeFromEvent, type IntegrationEventMapper } from '@broker/messaging';
import type { ProductEvent, ProductFields } from './products/domain/product.events';
import type { SkuClaimEvent } from './products/domain/sku-claim.decider';
import type { StoreEvent } from './store/domain/store.events';
import type { AppliedTransaction, SubscriptionEvent, SubscriptionFacts } from './subscriptions/domain/subscription.events';

type ServiceEvent = ProductEvent | SkuClaimEvent | StoreEvent | SubscriptionEvent;

const productFacts = (p: ProductFields) => ({
  productId: p.productId, resellerId: p.resellerId, name: p.name, vendor: p.vendor, sku: p.sku, description: p.description,
  billingFrequency: p.billingFrequency, price: p.price, cost: p.cost, currency: p.currency,
});

const subscriptionFacts = (s: SubscriptionFacts & { quantity: number } & AppliedTransaction): SubscriptionFactsV1 => ({
  subscriptionId: s.subscriptionId, resellerId: s.resellerId, organizationId: s.organizationId, productId: s.productId, productName: s.productName,
  billingFrequency: s.billingFrequency, unitPrice: s.unitPrice, unitCost: s.unitCost, currency: s.currency, quantity: s.quantity,
  effectiveAt: s.effectiveAt, transactionId: s.transactionId, ...(s.sequence === undefined ? {} : { sequence: s.sequence }),
});

/**
 * The one place where internal events of the catalog become integration events (or stay internal). The tenant of
 * every envelope comes from the event's own data.
 */
export const catalogEventMapper: IntegrationEventMapper = (recorded) => {
  const event = { type: recorded.type, data: recorded.data } as ServiceEvent;
  switch (event.type) {
    case 'ProductCreated': {
      const data: ProductCreatedV1 = { ...productFacts(event.data), createdBy: event.data.createdBy, createdAt: event.data.createdAt };
      return envelopeFromEvent(recorded, CatalogEventTypes.productCreated, data, { resellerId: event.data.resellerId, organizationId: null });
    }
    case 'ProductChanged': {
      const { changedFields, changedBy, changedAt } = event.data;
      const data: ProductChangedV1 = { ...productFacts(event.data), changedFields: [...changedFields], changedBy, changedAt };
      return envelopeFromEvent(recorded, CatalogEventTypes.productChanged, data, { resellerId: event.data.resellerId, organizationId: null });
    }
    case 'StoreCurated': {
      const { organizationId, resellerId, products, curatedBy, curatedAt } = event.data;
      const data: StoreCuratedV1 = { organizationId, resellerId, products: products.map((p) => ({ productId: p.productId, price: p.price })), curatedBy, curatedAt };
      return envelopeFromEvent(recorded, CatalogEventTypes.storeCurated, data, { resellerId, organizationId });
    }
    case 'SubscriptionActivated': {
      const data: SubscriptionActivatedV1 = subscriptionFacts(event.data);
      return envelopeFromEvent(recorded, CatalogEventTypes.subscriptionActivated, data, { resellerId: data.resellerId, organizationId: data.organizationId });
    }
    case 'SubscriptionQuantityChanged': {
      const data: SubscriptionQuantityChangedV1 = { ...subscriptionFacts(event.data), previousQuantity: event.data.previousQuantity };
      return envelopeFromEvent(recorded, CatalogEventTypes.subscriptionQuantityChanged, data, { resellerId: data.resellerId, organizationId: data.organizationId });
    }
    case 'SubscriptionCancelled': {
      const data: SubscriptionCancelledV1 = subscriptionFacts(event.data);
      return envelopeFromEvent(recorded, CatalogEventTypes.subscriptionCancelled, data, { resellerId: data.resellerId, organizationId: data.organizationId });
    }
    case 'LicencesAssigned': {
      const { subscriptionId, resellerId, organizationId, productId, userIds, previousUserIds, assignedAt, assignedBy, reason } = event.data;
      const data: LicencesAssignedV1 = {
        subscriptionId, resellerId, organizationId, productId, userIds: [...userIds], previousUserIds: [...previousUserIds], assignedAt, assignedBy, reason,
        subscriptionRevision: Number(recorded.revision),
      };
      return envelopeFromEvent(recorded, CatalogEventTypes.licencesAssigned, data, { resellerId, organizationId });
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
