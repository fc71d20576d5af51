import type { AppliedPolicy } from './approval-rule';
import type { BillingFrequency, TransactionType } from './annual-value';

/** The policy as the approvals service held it at the moment of the request; the limit a decimal in the currency. */
export interface RecordedPolicy {
  approvalRequired: boolean;
  dynamicApproval: { enabled: boolean; annualLimit: string };
}

/**
 * What the request established, repeated by every event of the stream: each event is complete on its own, so the
 * outbox mapper (which sees one event at a time) publishes the full facts, and the audit trail reads from any event.
 * Amounts are decimal strings with the decimals of `currency` (two on events recorded before amounts followed their
 * currency: read through factsOf, they show with the currency's).
 */
export interface TransactionFacts {
  transactionId: string;
  resellerId: string;
  organizationId: string;
  /** The organization's name at the moment of the request. */
  organizationName: string;
  transactionType: TransactionType;
  productId: string;
  productName: string;
  subscriptionId: string;
  /** The quantity once the transaction applies (0 for a cancellation). */
  quantity: number;
  previousQuantity: number;
  unitPrice: string;
  billingFrequency: BillingFrequency;
  currency: string;
  annualValue: string;
  appliedPolicy: AppliedPolicy;
  policy: RecordedPolicy;
  requestedBy: string;
  requestedAt: string;
  /**
   * For a change or cancellation: the sequence of the subscription's ledger the request was made against. Approving
   * it once the ledger has moved on is refused. Null for an order (and for requests recorded before ledgers).
   */
  basedOnSequence: number | null;
  /** An order's cost centre label, which its subscription keeps for budgets (absent on requests without one). */
  costCentre?: string | null;
}
