import { event } from '../event-contract';

/** Integration events of support requests, published by the organizations service. */
export const SupportRequestEvents = {
  supportRequestCreated: event<SupportRequestCreatedV1>('organizations.support-request-created.v1'),
} as const;

/** The subscription a request is about, as the catalog knew it when the request was made. */
export interface SupportRequestSubscriptionV1 {
  subscriptionId: string;
  productId: string;
  productName: string;
  quantity: number;
  status: 'active' | 'cancelled';
}

/**
 * Carries the facts a reader needs (organization name, the subscription) so a consumer acts on this event alone.
 * The requester is a user id: their name and e-mail are identity's (identity.user-registered.v1 / -changed.v1).
 */
export interface SupportRequestCreatedV1 {
  supportRequestId: string;
  resellerId: string;
  organizationId: string;
  organizationName: string;
  requestedBy: string;
  subject: string;
  message: string;
  subscription: SupportRequestSubscriptionV1 | null;
  createdAt: string;
}
