import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AppliedPolicyV1, ApprovalStepV1, OverBudgetV1, Page, TransactionHistory, TransactionHistoryEntry, TransactionReceipt, TransactionStatusV1, TransactionView } from '@broker/contracts';
import { moneyAnswer } from '../money/money.openapi';
import { Documents } from '../openapi/documents-contract';

const APPLIED_POLICIES: AppliedPolicyV1[] = ['reseller_staff', 'dynamic_limit', 'approval_required', 'none'];
type RecordedPolicy = TransactionHistoryEntry['policy'];

/** Response shapes, for the OpenAPI document. */
@Documents<TransactionReceipt>()
export class TransactionReceiptResponse {
  @ApiProperty({ format: 'uuid' })
  transactionId!: string;

  @ApiProperty({ enum: ['approved', 'pending_approval'] })
  status!: TransactionReceipt['status'];

  @ApiProperty({ example: '1260.00', description: moneyAnswer('Annualized value: unit price x quantity increase x 12 for monthly products (1 for annual); decreases and cancellations are worth 0') })
  annualValue!: string;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ format: 'uuid', description: 'The subscription concerned; for an order, the id the new subscription has once approved' })
  subscriptionId!: string;
}

@Documents<TransactionView>()
export class TransactionResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty({ enum: ['order', 'change', 'cancel'] })
  type!: TransactionView['type'];

  @ApiProperty({ enum: ['pending_approval', 'approved', 'rejected', 'withdrawn'] })
  status!: TransactionStatusV1;

  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty()
  productName!: string;

  @ApiProperty({ format: 'uuid' })
  subscriptionId!: string;

  @ApiProperty({ description: 'The quantity once the transaction applies (0 for a cancellation)' })
  quantity!: number;

  @ApiProperty({ description: 'The quantity before (0 for an order)' })
  previousQuantity!: number;

  @ApiProperty({ example: '10.50', description: moneyAnswer("The organization's unit price per period at the request") })
  unitPrice!: string;

  @ApiProperty({ example: '1260.00', description: moneyAnswer() })
  annualValue!: string;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ enum: ['monthly', 'annual'] })
  billingFrequency!: TransactionView['billingFrequency'];

  @ApiProperty({ enum: APPLIED_POLICIES, description: 'The rule that decided whether approval was needed' })
  appliedPolicy!: AppliedPolicyV1;

  @ApiProperty({ format: 'uuid' })
  requestedBy!: string;

  @ApiProperty({ format: 'date-time' })
  requestedAt!: string;

  @ApiPropertyOptional({ description: 'The approver or rejecter, the requester for a withdrawal, or "policy" for an approval by policy' })
  decidedBy?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  decidedAt?: string;

  @ApiPropertyOptional()
  comment?: string;

  @ApiPropertyOptional()
  reason?: string;
}

@Documents<Page<TransactionView>>()
export class TransactionListResponse {
  @ApiProperty({ type: [TransactionResponse] })
  items!: TransactionResponse[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page; null on the last' })
  nextCursor!: string | null;
}

@Documents<RecordedPolicy['dynamicApproval']>()
export class DynamicApprovalPolicyResponse {
  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ example: '1000.00', description: moneyAnswer() })
  annualLimit!: string;
}

@Documents<RecordedPolicy>()
export class RecordedPolicyResponse {
  @ApiProperty()
  approvalRequired!: boolean;

  @ApiProperty({ type: DynamicApprovalPolicyResponse })
  dynamicApproval!: DynamicApprovalPolicyResponse;
}

@Documents<ApprovalStepV1>()
export class ApprovalStepResponse {
  @ApiProperty({ description: 'From 0, in the order the steps are decided' })
  index!: number;

  @ApiProperty({ enum: ['organization', 'reseller'] })
  kind!: 'organization' | 'reseller';

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: "The organization's step: any one of these users decides it" })
  approverIds?: string[];
}

@Documents<OverBudgetV1>()
export class OverBudgetResponse {
  @ApiProperty({ type: String, nullable: true, description: "The cost centre's budget; null: the organization's own" })
  costCentre!: string | null;

  @ApiProperty({ enum: ['monthly', 'quarterly', 'yearly'] })
  period!: OverBudgetV1['period'];

  @ApiProperty({ example: '2026-03' })
  periodKey!: string;

  @ApiProperty({ example: '5000.00', description: moneyAnswer() })
  budget!: string;

  @ApiProperty({ example: '5120.40', description: 'Committed spend in the period once the request applies' })
  committedSpend!: string;
}

@Documents<TransactionHistoryEntry>()
export class TransactionHistoryEntryResponse {
  @ApiProperty({
    enum: ['requested', 'approved', 'rejected', 'withdrawn', 'step_reached', 'step_approved', 'step_rejected', 'step_reminded', 'step_escalated'],
    description:
      "`step_*`: a request going through the organization's approval chain: each step reached, approved or rejected, and an overdue step reminded or escalated (by `system`, as an automatic rejection)",
  })
  type!: TransactionHistoryEntry['type'];

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ description: 'The requester, the decider ("policy" for an approval by policy) or the withdrawing requester' })
  actorId!: string;

  @ApiProperty({ example: '1260.00', description: moneyAnswer() })
  annualValue!: string;

  @ApiProperty({ enum: APPLIED_POLICIES })
  appliedPolicy!: AppliedPolicyV1;

  @ApiProperty({ type: RecordedPolicyResponse, description: 'The approval policy in force at the moment of the request' })
  policy!: RecordedPolicyResponse;

  @ApiPropertyOptional()
  comment?: string;

  @ApiPropertyOptional()
  reason?: string;

  @ApiPropertyOptional({ type: ApprovalStepResponse, description: 'The step a `step_*` entry is about' })
  step?: ApprovalStepResponse;

  @ApiPropertyOptional({ format: 'uuid', description: 'A step decided by a delegate: the approver they stood in for' })
  onBehalfOf?: string;

  @ApiPropertyOptional({ type: [OverBudgetResponse], description: '`requested`: the budgets the request would take committed spend over, which made it need approval' })
  overBudget?: OverBudgetResponse[];

  @ApiPropertyOptional({ example: 'Sales', description: "`requested`: the order's cost centre" })
  costCentre?: string;
}

@Documents<TransactionHistory>()
export class TransactionHistoryResponse {
  @ApiProperty({ format: 'uuid' })
  transactionId!: string;

  @ApiProperty({ type: [TransactionHistoryEntryResponse], description: 'Every event of the transaction, oldest first' })
  items!: TransactionHistoryEntryResponse[];
}
