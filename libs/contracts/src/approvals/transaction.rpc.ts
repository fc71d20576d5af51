import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { ActorDto } from '../auth/actor';
import { ActorField, PageLimitField, PageCursorField } from '../shared/request-fields';
import type { Page } from '../organizations/reseller.rpc';
import { rpc } from '../rpc-contract';
import { IsPlainText } from '../shared/plain-text';
import { CostCentreField } from './budgets.rpc';

/**
 * Transactions (orders, quantity changes, cancellations) and their decisions, kept by the approvals service. Every
 * request carries the actor; the service checks role and tenant itself (another tenant's transaction: NOT_FOUND).
 */
export const TransactionRpc = {
  order: rpc<OrderRequest, TransactionReceipt>('approvals.transaction.order', { errors: ['ORGANIZATION.NOT_FOUND', 'TRANSACTION.FORBIDDEN', 'IDEMPOTENCY.KEY_REUSED', 'PRODUCT.NOT_FOUND', 'BUDGET.EXCEEDED'] }),
  change: rpc<ChangeQuantityRequest, TransactionReceipt>('approvals.transaction.change', { errors: ['ORGANIZATION.NOT_FOUND', 'TRANSACTION.FORBIDDEN', 'IDEMPOTENCY.KEY_REUSED', 'PRODUCT.NOT_FOUND', 'SUBSCRIPTION.NOT_FOUND', 'SUBSCRIPTION.ALREADY_CANCELLED', 'SUBSCRIPTION.CONFLICT', 'BUDGET.EXCEEDED'] }),
  cancel: rpc<CancelSubscriptionRequest, TransactionReceipt>('approvals.transaction.cancel', { errors: ['ORGANIZATION.NOT_FOUND', 'TRANSACTION.FORBIDDEN', 'IDEMPOTENCY.KEY_REUSED', 'SUBSCRIPTION.NOT_FOUND', 'SUBSCRIPTION.ALREADY_CANCELLED', 'SUBSCRIPTION.CONFLICT'] }),
  withdraw: rpc<WithdrawTransactionRequest, TransactionView>('approvals.transaction.withdraw', { errors: ['TRANSACTION.NOT_FOUND', 'TRANSACTION.FORBIDDEN', 'APPROVAL.ALREADY_DECIDED', 'APPROVAL.CONFLICT'] }),
  /** The organization's transactions, newest first (a read model). */
  list: rpc<ListOrganizationTransactionsRequest, Page<TransactionView>>('approvals.transaction.list', { errors: ['ORGANIZATION.NOT_FOUND', 'TRANSACTION.FORBIDDEN', 'READ_MODEL.INVALID_QUERY'] }),
  /** Every event of one transaction in order (read from its stream): the audit trail. */
  history: rpc<TransactionHistoryRequest, TransactionHistory>('approvals.transaction.history', { errors: ['TRANSACTION.NOT_FOUND', 'TRANSACTION.FORBIDDEN'] }),
  approve: rpc<ApproveTransactionRequest, TransactionView>('approvals.approval.approve', { errors: ['TRANSACTION.NOT_FOUND', 'APPROVAL.FORBIDDEN', 'APPROVAL.ALREADY_DECIDED', 'APPROVAL.CONFLICT', 'SUBSCRIPTION.NOT_FOUND', 'SUBSCRIPTION.ALREADY_CANCELLED', 'SUBSCRIPTION.CONFLICT', 'PRODUCT.NOT_FOUND'] }),
  reject: rpc<RejectTransactionRequest, TransactionView>('approvals.approval.reject', { errors: ['TRANSACTION.NOT_FOUND', 'APPROVAL.FORBIDDEN', 'APPROVAL.ALREADY_DECIDED', 'APPROVAL.CONFLICT'] }),
  /** The reseller's pending transactions, newest first (a read model). */
  listPending: rpc<ListPendingApprovalsRequest, Page<PendingApprovalItem>>('approvals.approval.list-pending', { errors: ['APPROVAL.FORBIDDEN', 'TRANSACTION.FORBIDDEN', 'READ_MODEL.INVALID_QUERY'] }),
} as const;

/** Orders and changes set a quantity in 1..MAX_TRANSACTION_QUANTITY. */
export const MAX_TRANSACTION_QUANTITY = 100_000;
export const MAX_DECISION_TEXT = 2000;

export type TransactionStatusV1 = 'pending_approval' | 'approved' | 'rejected' | 'withdrawn';
export type AppliedPolicyV1 = 'reseller_staff' | 'dynamic_limit' | 'approval_required' | 'none';

class ActorRequest {
  @ActorField()
  actor!: ActorDto;
}

class OrganizationScopedRequest extends ActorRequest {
  @IsUUID()
  organizationId!: string;
}

/**
 * A new transaction: its id is chosen by the caller (the gateway, from the client's idempotency key when there is
 * one), so the stream exists at most once; the same request with the same id again is answered as recorded.
 */
class NewTransactionRequest extends OrganizationScopedRequest {
  @IsUUID()
  transactionId!: string;
}

export class OrderRequest extends NewTransactionRequest {
  @IsUUID()
  productId!: string;

  @IsInt()
  @Min(1)
  @Max(MAX_TRANSACTION_QUANTITY)
  quantity!: number;

  /** The cost centre the new subscription is labelled with, for its budget; absent: none. */
  @IsOptional()
  @CostCentreField()
  costCentre?: string;
}

export class ChangeQuantityRequest extends NewTransactionRequest {
  @IsUUID()
  subscriptionId!: string;

  @IsInt()
  @Min(1)
  @Max(MAX_TRANSACTION_QUANTITY)
  quantity!: number;
}

export class CancelSubscriptionRequest extends NewTransactionRequest {
  @IsUUID()
  subscriptionId!: string;
}

export class OrganizationTransactionRequest extends OrganizationScopedRequest {
  @IsUUID()
  transactionId!: string;
}

export class WithdrawTransactionRequest extends OrganizationTransactionRequest {
  /**
   * Names the deciding request (chosen by the caller, e.g. from the client's idempotency key): the same decision asked
   * again is answered as made, not refused as already decided. Without it, every call is a new decision.
   */
  @IsOptional()
  @IsUUID()
  decisionId?: string;
}

export class TransactionHistoryRequest extends OrganizationTransactionRequest {}

export class ListOrganizationTransactionsRequest extends OrganizationScopedRequest {
  @PageLimitField()
  limit?: number;

  @PageCursorField()
  cursor?: string;
}

export class ApproveTransactionRequest extends ActorRequest {
  @IsUUID()
  transactionId!: string;

  /**
   * Names the deciding request (chosen by the caller, e.g. from the client's idempotency key): the same decision asked
   * again is answered as made, not refused as already decided. Without it, every call is a new decision.
   */
  @IsOptional()
  @IsUUID()
  decisionId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_DECISION_TEXT)
  @IsPlainText({ multiline: true })
  comment?: string;
}

export class RejectTransactionRequest extends ActorRequest {
  @IsUUID()
  transactionId!: string;

  /**
   * Names the deciding request (chosen by the caller, e.g. from the client's idempotency key): the same decision asked
   * again is answered as made, not refused as already decided. Without it, every call is a new decision.
   */
  @IsOptional()
  @IsUUID()
  decisionId?: string;

  @IsString()
  @Matches(/\S/, { message: 'reason must not be empty' })
  @MaxLength(MAX_DECISION_TEXT)
  @IsPlainText({ multiline: true })
  reason!: string;
}

export class ListPendingApprovalsRequest extends ActorRequest {
  @IsOptional()
  @IsIn(['pending'])
  status?: 'pending';

  @PageLimitField()
  limit?: number;

  @PageCursorField()
  cursor?: string;
}

/** The answer to an order, change or cancellation. */
export interface TransactionReceipt {
  transactionId: string;
  status: 'approved' | 'pending_approval';
  /** A decimal in `currency`, with its number of decimals. */
  annualValue: string;
  currency: string;
  /** The subscription it concerns (for an order, the id the new subscription has once approved). */
  subscriptionId: string;
}

/**
 * One transaction as the API shows it. `decidedBy` is the approver's or rejecter's user id, the withdrawing
 * requester's for a withdrawal, or `"policy"` for an approval by policy; absent while pending.
 */
export interface TransactionView {
  id: string;
  organizationId: string;
  type: 'order' | 'change' | 'cancel';
  status: TransactionStatusV1;
  productId: string;
  productName: string;
  subscriptionId: string;
  quantity: number;
  previousQuantity: number;
  unitPrice: string;
  annualValue: string;
  currency: string;
  billingFrequency: 'monthly' | 'annual';
  appliedPolicy: AppliedPolicyV1;
  requestedBy: string;
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
  reason?: string;
}

export interface PendingApprovalItem {
  transactionId: string;
  organizationId: string;
  organizationName: string;
  type: 'order' | 'change' | 'cancel';
  productId: string;
  productName: string;
  quantity: number;
  previousQuantity: number;
  annualValue: string;
  currency: string;
  requestedBy: string;
  requestedAt: string;
}

/** A step of an approval chain: the organization's own (any one of `approverIds`), or the reseller's. */
export interface ApprovalStepV1 {
  /** From 0, in the order the steps are decided. */
  index: number;
  kind: 'organization' | 'reseller';
  /** The organization's step only. */
  approverIds?: string[];
}

export interface TransactionHistoryEntry {
  /** `step_*`: a request going through the organization's approval chain (each step reached, approved, rejected, reminded, escalated). */
  type: 'requested' | 'approved' | 'rejected' | 'withdrawn' | 'step_reached' | 'step_approved' | 'step_rejected' | 'step_reminded' | 'step_escalated';
  at: string;
  /** The requester, the decider (`"policy"` for an approval by policy) or the withdrawing requester. */
  actorId: string;
  annualValue: string;
  appliedPolicy: AppliedPolicyV1;
  /** The approval policy as the approvals service held it at the moment of the request. */
  policy: { approvalRequired: boolean; dynamicApproval: { enabled: boolean; annualLimit: string } };
  comment?: string;
  reason?: string;
  /** The step a `step_*` entry is about. */
  step?: ApprovalStepV1;
  /** A step decided by a delegate: the approver they stood in for. */
  onBehalfOf?: string;
  /** `requested`: the budgets the request would take committed spend over, which made it need approval. */
  overBudget?: OverBudgetV1[];
  /** `requested`: the order's cost centre. */
  costCentre?: string;
}

/** A budget a request would take over: committed spend in the period once it applies, against the budget. */
export interface OverBudgetV1 {
  /** Null: the organization's own budget. */
  costCentre: string | null;
  period: 'monthly' | 'quarterly' | 'yearly';
  periodKey: string;
  budget: string;
  committedSpend: string;
}

export interface TransactionHistory {
  transactionId: string;
  items: TransactionHistoryEntry[];
}
