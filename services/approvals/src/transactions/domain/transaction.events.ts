import type { AppliedPolicy } from './approval-rule';
import type { BillingFrequency, TransactionType } from './annual-value';

/**
 * Internal events of a transaction stream (`transaction-<id>`): the audit trail of one order, quantity change or
 * cancellation. Each names who, when, the value and the policy that applied. Amounts are decimal strings.
 */
export type TransactionEvent =
  | {
      type: 'TransactionRequested';
      data: {
        transactionId: string;
        resellerId: string;
        organizationId: string;
        transactionType: TransactionType;
        productId: string;
        productName: string;
        subscriptionId: string;
        quantity: number;
        previousQuantity: number;
        unitPrice: string;
        billingFrequency: BillingFrequency;
        currency: string;
        annualValue: string;
        appliedPolicy: AppliedPolicy;
        /** The policy as the approvals service held it at the moment of the request. */
        policy: { approvalRequired: boolean; dynamicApproval: { enabled: boolean; annualLimit: string } };
        requestedBy: string;
        requestedAt: string;
      };
    }
  | { type: 'TransactionApproved'; data: { transactionId: string; decidedBy: string; decidedAt: string; comment: string | null; byPolicy: AppliedPolicy | null } }
  | { type: 'TransactionRejected'; data: { transactionId: string; decidedBy: string; decidedAt: string; reason: string } }
  | { type: 'TransactionWithdrawn'; data: { transactionId: string; withdrawnBy: string; withdrawnAt: string } };

export const transactionStreamId = (transactionId: string): string => `transaction-${transactionId}`;
