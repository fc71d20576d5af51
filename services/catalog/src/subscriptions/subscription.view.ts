import { amountIn, type SubscriptionView } from '@broker/contracts';
import type { ExistingSubscription } from './domain/subscription.decider';

export function toSubscriptionView(state: ExistingSubscription): SubscriptionView {
  const { subscriptionId, organizationId, productId, productName, quantity, unitPrice, currency, billingFrequency, status, startedAt, cancelledAt, assignedUserIds } = state;
  return { id: subscriptionId, organizationId, productId, productName, quantity, price: amountIn(unitPrice, currency), currency, billingFrequency, status, startedAt, cancelledAt, assignedUserIds: [...assignedUserIds] };
}
