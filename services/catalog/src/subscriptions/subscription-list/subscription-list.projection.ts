import type { SubscriptionView } from '@broker/contracts';
import type { Projection } from '@broker/read-models';
import type { SubscriptionEvent } from '../domain/subscription.events';

export interface SubscriptionListEntry extends SubscriptionView {
  resellerId: string;
}

/** Every organization's subscriptions with their holders, for the subscriptions list (may lag a write by a moment). */
export const subscriptionListProjection: Projection<SubscriptionListEntry> = {
  name: 'catalog_subscriptions',
  version: 1,
  handles: ['SubscriptionActivated', 'SubscriptionQuantityChanged', 'SubscriptionCancelled', 'LicencesAssigned'],
  indexes: { organizationId: 'string', startedAt: 'string' },
  documentId: (event) => String(event.data.subscriptionId),
  evolve(document, recorded) {
    const event = { type: recorded.type, data: recorded.data } as SubscriptionEvent;
    switch (event.type) {
      case 'SubscriptionActivated': {
        const { subscriptionId, resellerId, organizationId, productId, productName, quantity, unitPrice, currency, billingFrequency, effectiveAt } = event.data;
        return {
          id: subscriptionId, resellerId, organizationId, productId, productName, quantity, price: unitPrice, currency, billingFrequency,
          status: 'active', startedAt: effectiveAt, cancelledAt: null, assignedUserIds: document?.assignedUserIds ?? [],
        };
      }
      case 'SubscriptionQuantityChanged': {
        if (!document) return null;
        const { productName, quantity, unitPrice, currency, billingFrequency } = event.data;
        return { ...document, productName, quantity, price: unitPrice, currency, billingFrequency };
      }
      case 'SubscriptionCancelled':
        return document && { ...document, status: 'cancelled', cancelledAt: event.data.effectiveAt };
      case 'LicencesAssigned':
        return document && { ...document, assignedUserIds: [...event.data.userIds] };
      default:
        return document;
    }
  },
};
