import type { BillingFrequency, LicenceChangeReasonV1 } from '@broker/contracts';

/** What every subscription event repeats, so the integration events need no other event. Money: two-place decimals. */
export type SubscriptionFacts = {
  subscriptionId: string;
  resellerId: string;
  organizationId: string;
  productId: string;
  productName: string;
  billingFrequency: BillingFrequency;
  unitPrice: string;
  unitCost: string;
  currency: string;
};

/**
 * Internal events of a subscription stream (`subscription-<id>`, the id chosen at the order request). Only approved
 * transactions activate, change or cancel a subscription, effective at their approval time; assignments are set by
 * the organization's admins.
 */
export type SubscriptionEvent =
  | { type: 'SubscriptionActivated'; data: SubscriptionFacts & { quantity: number; transactionId: string; effectiveAt: string } }
  | { type: 'SubscriptionQuantityChanged'; data: SubscriptionFacts & { quantity: number; previousQuantity: number; transactionId: string; effectiveAt: string } }
  /** `quantity` is the quantity the subscription had until it was cancelled. */
  | { type: 'SubscriptionCancelled'; data: SubscriptionFacts & { quantity: number; transactionId: string; effectiveAt: string } }
  | {
      type: 'LicencesAssigned';
      data: {
        subscriptionId: string;
        resellerId: string;
        organizationId: string;
        productId: string;
        /** The holders afterwards, in the order their licences were assigned (the most recent last). */
        userIds: string[];
        previousUserIds: string[];
        assignedBy: string;
        assignedAt: string;
        reason: LicenceChangeReasonV1;
      };
    };

export const subscriptionStreamId = (subscriptionId: string): string => `subscription-${subscriptionId}`;
