import { amountIn } from '@broker/contracts';
import type { ChainProgressEvent } from '../../approval-chains/domain/chain-progress';
import type { OverBudgetLine } from '../../budgets/domain/budget-check';
import type { AppliedPolicy } from './approval-rule';
import type { TransactionFacts } from './transaction-facts';

export type { RecordedPolicy, TransactionFacts } from './transaction-facts';

/** How an approval takes effect on its subscription: its place in the subscription's ledger and the moment. */
export interface ApprovalCommit {
  subscriptionSequence: number;
  effectiveAt: string;
}

/**
 * Internal events of a transaction stream (`transaction-<id>`): the audit trail of one order, quantity change or
 * cancellation. Each names who, when, the value and the policy that applied.
 */
export type TransactionEvent =
  | {
      type: 'TransactionRequested';
      /**
       * `chained`: it goes through the organization's approval chain first (absent before chains: false).
       * `overBudget`: the budgets it would take committed spend over, which made it need approval.
       */
      data: TransactionFacts & { needsApproval: boolean; chained?: boolean; overBudget?: OverBudgetLine[] };
    }
  | {
      type: 'TransactionApproved';
      /**
       * `decidedBy` is `"policy"` and `byPolicy` the rule when approved on request without an approver. `decisionId`
       * names the deciding request (a repeat of it is answered, not refused); events recorded before decisions had
       * ids, sequences and effective times lack them (read as null, and the effective time as `decidedAt`).
       */
      data: TransactionFacts & { decidedBy: string; decidedAt: string; comment: string | null; byPolicy: AppliedPolicy | null; decisionId: string } & ApprovalCommit;
    }
  | { type: 'TransactionRejected'; data: TransactionFacts & { decidedBy: string; decidedAt: string; reason: string; decisionId: string } }
  | { type: 'TransactionWithdrawn'; data: TransactionFacts & { withdrawnBy: string; withdrawnAt: string; decisionId: string } };

export const TRANSACTION_EVENT_TYPES: readonly TransactionEvent['type'][] = ['TransactionRequested', 'TransactionApproved', 'TransactionRejected', 'TransactionWithdrawn'];

/**
 * Everything a transaction stream holds: the transaction's own events (each with the facts) and, for a request that
 * goes through the organization's approval chain, the chain's steps and decisions in between.
 */
export type TransactionStreamEvent = TransactionEvent | ChainProgressEvent;

export const CHAIN_EVENT_TYPES: readonly ChainProgressEvent['type'][] = [
  'ApprovalChainStarted',
  'ApprovalStepReached',
  'ApprovalStepApproved',
  'ApprovalStepRejected',
  'ApprovalChainApproved',
  'ApprovalReminderSent',
  'ApprovalStepEscalated',
];

export function isChainEvent(event: TransactionStreamEvent): event is ChainProgressEvent {
  return (CHAIN_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** The `decidedBy` of an approval by policy. */
export const DECIDED_BY_POLICY = 'policy';

export const transactionStreamId = (transactionId: string): string => `transaction-${transactionId}`;

/** The facts of any transaction event (every event carries them), amounts with the decimals of their currency. */
export function factsOf(event: TransactionEvent): TransactionFacts {
  const d = event.data;
  const money = (amount: string) => amountIn(amount, d.currency);
  return {
    transactionId: d.transactionId,
    resellerId: d.resellerId,
    organizationId: d.organizationId,
    organizationName: d.organizationName,
    transactionType: d.transactionType,
    productId: d.productId,
    productName: d.productName,
    subscriptionId: d.subscriptionId,
    quantity: d.quantity,
    previousQuantity: d.previousQuantity,
    unitPrice: money(d.unitPrice),
    billingFrequency: d.billingFrequency,
    currency: d.currency,
    annualValue: money(d.annualValue),
    appliedPolicy: d.appliedPolicy,
    policy: { approvalRequired: d.policy.approvalRequired, dynamicApproval: { enabled: d.policy.dynamicApproval.enabled, annualLimit: money(d.policy.dynamicApproval.annualLimit) } },
    requestedBy: d.requestedBy,
    requestedAt: d.requestedAt,
    basedOnSequence: d.basedOnSequence ?? null,
    ...(d.costCentre ? { costCentre: d.costCentre } : {}),
  };
}

/** A stored event of a transaction stream as the domain reads it. */
export function asTransactionEvent(recorded: { type: string; data: Record<string, unknown> }): TransactionStreamEvent {
  return { type: recorded.type, data: recorded.data } as unknown as TransactionStreamEvent;
}
