import type { BillingFrequency } from '@broker/contracts';

/**
 * The facts billing keeps in its own event store: each one records an integration event of another service
 * (its id is the envelope's id, so a redelivery stores nothing twice). Reports, the reseller summary, rebuilds and
 * the consistency check all work from this history alone.
 */
export const billingOrganizationStreamId = (organizationId: string): string => `billing-organization-${organizationId}`;
export const billingResellerStreamId = (resellerId: string): string => `billing-reseller-${resellerId}`;

export interface RecordedSubscriptionFacts {
  subscriptionId: string;
  resellerId: string;
  organizationId: string;
  productId: string;
  productName: string;
  billingFrequency: BillingFrequency;
  unitPrice: string;
  unitCost: string;
  currency: string;
  /** After the change; for a cancellation, the quantity until then. */
  quantity: number;
  /** The approval time of the transaction behind the change. */
  effectiveAt: string;
  transactionId: string;
  /** The transaction's place among the subscription's approved transactions; absent on facts from before sequences. */
  sequence?: number;
}

export type BillingFactEvent =
  | { type: 'ResellerRegistered'; data: { resellerId: string; name: string; currency: string; registeredAt: string } }
  | { type: 'OrganizationRegistered'; data: { organizationId: string; resellerId: string; name: string; billingStartDate: string; createdAt: string } }
  | { type: 'OrganizationRenamed'; data: { organizationId: string; resellerId: string; name: string; changedAt: string } }
  | { type: 'BillingStartDateSet'; data: { organizationId: string; resellerId: string; billingStartDate: string; changedAt: string } }
  | { type: 'SubscriptionActivated'; data: RecordedSubscriptionFacts }
  | { type: 'SubscriptionQuantityChanged'; data: RecordedSubscriptionFacts }
  | { type: 'SubscriptionCancelled'; data: RecordedSubscriptionFacts }
  | {
      type: 'LicencesAssigned';
      data: {
        subscriptionId: string;
        resellerId: string;
        organizationId: string;
        productId: string;
        /** The holders afterwards, in the order they got their licences. */
        userIds: string[];
        assignedAt: string;
        /** Orders the holder changes of one subscription. */
        subscriptionRevision: number;
      };
    }
  | { type: 'OrganizationUserRegistered'; data: { userId: string; username: string; organizationId: string; resellerId: string } };

export type BillingFactType = BillingFactEvent['type'];

export const SUBSCRIPTION_FACT_TYPES = ['SubscriptionActivated', 'SubscriptionQuantityChanged', 'SubscriptionCancelled'] as const satisfies readonly BillingFactType[];
