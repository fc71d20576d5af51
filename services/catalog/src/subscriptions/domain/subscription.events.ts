import type { BillingFrequency, LicenceChangeReasonV1, TransactionTypeV1 } from '@broker/contracts';

/** What every subscription event repeats, so the integration events need no other event. Money: decimals of `currency` (two on events from before amounts followed their currency). */
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
 * Which approved transaction caused a change and its place among the subscription's approved transactions (the order
 * is 0). Events recorded before sequences existed lack `sequence`: theirs is their rank among the applied ones.
 */
export type AppliedTransaction = { transactionId: string; effectiveAt: string; sequence?: number };

/** An approved transaction as the catalog applies it; `unitCost` is the product's cost when it arrived. */
export interface ApprovedTransaction extends SubscriptionFacts {
  transactionId: string;
  transactionType: TransactionTypeV1;
  /** The quantity once the transaction applies (ignored for a cancellation). */
  quantity: number;
  effectiveAt: string;
  /** Its place among the subscription's approved transactions; null for approvals published before sequences. */
  sequence: number | null;
}

/**
 * Internal events of a subscription stream (`subscription-<id>`, the id chosen at the order request). Only approved
 * transactions activate, change or cancel a subscription, effective at their approval time, in the order they were
 * approved; assignments are set by the organization's admins.
 */
export type SubscriptionEvent =
  | { type: 'SubscriptionActivated'; data: SubscriptionFacts & { quantity: number } & AppliedTransaction }
  | { type: 'SubscriptionQuantityChanged'; data: SubscriptionFacts & { quantity: number; previousQuantity: number } & AppliedTransaction }
  /** `quantity` is the quantity the subscription had until it was cancelled. */
  | { type: 'SubscriptionCancelled'; data: SubscriptionFacts & { quantity: number } & AppliedTransaction }
  /**
   * An approved transaction that arrived before one approved earlier: kept here, and applied as soon as the ones
   * before it are. Stays inside the catalog.
   */
  | { type: 'ApprovedTransactionHeld'; data: ApprovedTransaction & { sequence: number } }
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
