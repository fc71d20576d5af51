import { event } from '../event-contract';

/** Integration events published by the approvals service. */
export const ApprovalsEvents = {
  approvalPolicyChanged: event<ApprovalPolicyChangedV1>('approvals.approval-policy-changed.v1'),
  transactionRequested: event<TransactionRequestedV1>('approvals.transaction-requested.v1'),
  transactionApproved: event<TransactionApprovedV1>('approvals.transaction-approved.v1'),
  transactionRejected: event<TransactionRejectedV1>('approvals.transaction-rejected.v1'),
  transactionWithdrawn: event<TransactionWithdrawnV1>('approvals.transaction-withdrawn.v1'),
  approvalStepReached: event<ApprovalStepReachedV1>('approvals.approval-step-reached.v1'),
  approvalStepOverdue: event<ApprovalStepOverdueV1>('approvals.approval-step-overdue.v1'),
  budgetThresholdReached: event<BudgetThresholdReachedV1>('approvals.budget-threshold-reached.v1'),
  approvalStepDecided: event<ApprovalStepDecidedV1>('approvals.approval-step-decided.v1'),
  budgetChanged: event<BudgetChangedV1>('approvals.budget-changed.v1'),
  budgetRemoved: event<BudgetRemovedV1>('approvals.budget-removed.v1'),
  approvalChainsChanged: event<ApprovalChainsChangedV1>('approvals.approval-chains-changed.v1'),
  approvalChainsCleared: event<ApprovalChainsClearedV1>('approvals.approval-chains-cleared.v1'),
  outOfOfficeChanged: event<OutOfOfficeChangedV1>('approvals.out-of-office-changed.v1'),
} as const;

export type TransactionTypeV1 = 'order' | 'change' | 'cancel';

/** What every transaction event repeats, so a consumer needs no other event to act on one. */
export interface TransactionFactsV1 {
  transactionId: string;
  resellerId: string;
  organizationId: string;
  transactionType: TransactionTypeV1;
  productId: string;
  productName: string;
  /** For an order, the id the new subscription will have (chosen at the request). */
  subscriptionId: string;
  /** The quantity the subscription has once the transaction applies (0 for a cancellation). */
  quantity: number;
  previousQuantity: number;
  /** Decimal strings in `currency`, with its number of decimals (amounts published before that have two). */
  unitPrice: string;
  annualValue: string;
  currency: string;
  billingFrequency: 'monthly' | 'annual';
  requestedBy: string;
  requestedAt: string;
  /** The rule that decided whether approval was needed: reseller_staff, dynamic_limit, approval_required, none. */
  appliedPolicy: 'reseller_staff' | 'dynamic_limit' | 'approval_required' | 'none';
}

/**
 * `chained`: the request goes through the organization's own approval chain first (absent on messages published
 * before chains: false); each step reached, the reseller's included, is then its own approval-step-reached message.
 */
export type TransactionRequestedV1 = TransactionFactsV1 & { needsApproval: boolean; chained?: boolean };

/**
 * A step of a request's approval chain is reached: one of the organization's (any one of `approverIds` decides it)
 * or, after the organization's steps, the reseller's. `stepCount` counts every step, the reseller's included.
 */
export type ApprovalStepReachedV1 = TransactionFactsV1 & {
  /** `delegates`: approvers out of office when the step was reached, with who decides for them meanwhile. */
  step: { index: number; kind: 'organization' | 'reseller'; approverIds?: string[]; delegates?: { approverId: string; delegateId: string }[] };
  stepCount: number;
  reachedAt: string;
};

/**
 * Only an approved transaction changes a subscription; it takes effect at `effectiveAt` (the approval time, kept
 * after the subscription's previous change). `subscriptionSequence` is its place among the subscription's approved
 * transactions (the order is 0, each change or cancellation the next number): apply them in that order, whatever
 * order the messages arrive in. Messages published before sequences existed lack it.
 */
export type TransactionApprovedV1 = TransactionFactsV1 & { decidedBy: string; comment: string | null; byPolicy: boolean; effectiveAt: string; subscriptionSequence?: number };

export type TransactionRejectedV1 = TransactionFactsV1 & { decidedBy: string; reason: string; decidedAt: string };

export type TransactionWithdrawnV1 = TransactionFactsV1 & { withdrawnBy: string; withdrawnAt: string };

export interface ApprovalPolicyChangedV1 {
  organizationId: string;
  resellerId: string;
  approvalRequired: boolean;
  /** `annualLimit` is a decimal string in the reseller's currency, with its number of decimals. */
  dynamicApproval: { enabled: boolean; annualLimit: string };
  changedBy: string;
  changedAt: string;
}

/**
 * A pending step is overdue by the organization's escalation settings: `reminder` (its approvers are reminded), then
 * `escalation` (the organization's admins, or the reseller's notification address for the reseller's step). Each
 * stage of a step is published once.
 */
export type ApprovalStepOverdueV1 = Omit<ApprovalStepReachedV1, 'reachedAt'> & { stage: 'reminder' | 'escalation'; stepReachedAt: string; overdueAt: string };

/**
 * Committed spend reached 80 % or 100 % of a budget in its period: published once per budget, threshold and period.
 * Amounts are decimal strings in `currency`, with its decimals.
 */
export interface BudgetThresholdReachedV1 {
  organizationId: string;
  resellerId: string;
  /** Null: the organization's own budget. */
  costCentre: string | null;
  period: 'monthly' | 'quarterly' | 'yearly';
  /** `2026-03`, `2026-Q1` or `2026`. */
  periodKey: string;
  threshold: 80 | 100;
  budget: string;
  committedSpend: string;
  currency: string;
  reachedAt: string;
}

/**
 * A budget was set (or changed): the organization's own or one cost centre's. `amount` is a decimal string in
 * `currency` (null on budgets set before it was recorded: the organization's currency).
 */
export interface BudgetChangedV1 {
  organizationId: string;
  resellerId: string;
  /** Null: the organization's own budget. */
  costCentre: string | null;
  period: 'monthly' | 'quarterly' | 'yearly';
  amount: string;
  /** What an order or change that would go over it does: needs approval, or is refused. */
  overBudget: 'needs_approval' | 'refused';
  currency: string | null;
  changedBy: string;
  changedAt: string;
}

/** A budget was removed: the organization's own (`costCentre` null) or one cost centre's. */
export interface BudgetRemovedV1 {
  organizationId: string;
  resellerId: string;
  costCentre: string | null;
  removedBy: string;
  removedAt: string;
}

/** Which requests a chain rule applies to. `annual_value_above`: strictly above `amount`, a decimal in the organization's currency. */
export type ChainConditionV1 = { type: 'always' } | { type: 'annual_value_above'; amount: string } | { type: 'products'; productIds: string[] };

/** One rule of an organization's approval chains: its steps in order, any one of a step's approvers deciding it. */
export interface ChainRuleV1 {
  condition: ChainConditionV1;
  steps: { approverIds: string[] }[];
}

/** When a pending step is chased, in whole minutes after it was reached. `autoRejectAfterMinutes` null: never rejected automatically. */
export interface EscalationSettingsV1 {
  reminderAfterMinutes: number;
  escalateAfterMinutes: number;
  autoRejectAfterMinutes: number | null;
}

/**
 * An organization's approval chains were set: the whole configuration now in force (at least one rule). `escalation`
 * null: pending steps are never chased.
 */
export interface ApprovalChainsChangedV1 {
  organizationId: string;
  resellerId: string;
  rules: ChainRuleV1[];
  escalation: EscalationSettingsV1 | null;
  changedBy: string;
  changedAt: string;
}

/**
 * An organization's approval chains were cleared: its requests no longer pass its own steps. A type of its
 * own (not a changed event with no rules), as a set always holds at least one rule: each type has one meaning.
 */
export interface ApprovalChainsClearedV1 {
  organizationId: string;
  resellerId: string;
  clearedBy: string;
  clearedAt: string;
}

/**
 * An approver's out-of-office period was set (from, to and the delegate deciding their steps meanwhile) or
 * cleared (the three null). The envelope's actor is the approver: each sets only their own.
 */
export interface OutOfOfficeChangedV1 {
  organizationId: string;
  userId: string;
  from: string | null;
  to: string | null;
  delegateId: string | null;
  at: string;
}

/**
 * A step of an organization's approval chain was decided: approved (the next step, or the transaction's approval,
 * follows as its own event) or rejected (the transaction's rejection follows). `decidedBy` is `system` for an automatic
 * rejection; `onBehalfOf` names the approver a delegate stood in for. The tenant is in the envelope.
 */
export interface ApprovalStepDecidedV1 {
  transactionId: string;
  /** From 0. */
  stepIndex: number;
  decision: 'approved' | 'rejected';
  decidedBy: string;
  onBehalfOf: string | null;
  comment: string | null;
  reason: string | null;
  decidedAt: string;
}
