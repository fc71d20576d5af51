import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { moneyAnswer } from '../money/money.openapi';

const APPLIED_POLICIES = ['reseller_staff', 'dynamic_limit', 'approval_required', 'none'];

/** Response shapes, for the OpenAPI document. */
export class TransactionReceiptResponse {
  @ApiProperty({ format: 'uuid' })
  transactionId!: string;

  @ApiProperty({ enum: ['approved', 'pending_approval'] })
  status!: string;

  @ApiProperty({ example: '1260.00', description: moneyAnswer('Annualized value: unit price x quantity increase x 12 for monthly products (1 for annual); decreases and cancellations are worth 0') })
  annualValue!: string;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ format: 'uuid', description: 'The subscription concerned; for an order, the id the new subscription has once approved' })
  subscriptionId!: string;
}

export class TransactionResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty({ enum: ['order', 'change', 'cancel'] })
  type!: string;

  @ApiProperty({ enum: ['pending_approval', 'approved', 'rejected', 'withdrawn'] })
  status!: string;

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
  billingFrequency!: string;

  @ApiProperty({ enum: APPLIED_POLICIES, description: 'The rule that decided whether approval was needed' })
  appliedPolicy!: string;

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

export class TransactionListResponse {
  @ApiProperty({ type: [TransactionResponse] })
  items!: TransactionResponse[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page; null on the last' })
  nextCursor!: string | null;
}

export class DynamicApprovalPolicyResponse {
  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ example: '1000.00', description: moneyAnswer() })
  annualLimit!: string;
}

export class RecordedPolicyResponse {
  @ApiProperty()
  approvalRequired!: boolean;

  @ApiProperty({ type: DynamicApprovalPolicyResponse })
  dynamicApproval!: DynamicApprovalPolicyResponse;
}

export class TransactionHistoryEntryResponse {
  @ApiProperty({ enum: ['requested', 'approved', 'rejected', 'withdrawn'] })
  type!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ description: 'The requester, the decider ("policy" for an approval by policy) or the withdrawing requester' })
  actorId!: string;

  @ApiProperty({ example: '1260.00', description: moneyAnswer() })
  annualValue!: string;

  @ApiProperty({ enum: APPLIED_POLICIES })
  appliedPolicy!: string;

  @ApiProperty({ type: RecordedPolicyResponse, description: 'The approval policy in force at the moment of the request' })
  policy!: RecordedPolicyResponse;

  @ApiPropertyOptional()
  comment?: string;

  @ApiPropertyOptional()
  reason?: string;
}

export class TransactionHistoryResponse {
  @ApiProperty({ format: 'uuid' })
  transactionId!: string;

  @ApiProperty({ type: [TransactionHistoryEntryResponse], description: 'Every event of the transaction, oldest first' })
  items!: TransactionHistoryEntryResponse[];
}
