import { ApiProperty } from '@nestjs/swagger';
import type { Page, PendingApprovalItem } from '@broker/contracts';
import { moneyAnswer } from '../money/money.openapi';
import { Documents } from '../openapi/documents-contract';

/** Response shapes, for the OpenAPI document. */
@Documents<PendingApprovalItem>()
export class PendingApprovalResponse {
  @ApiProperty({ format: 'uuid' })
  transactionId!: string;

  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty()
  organizationName!: string;

  @ApiProperty({ enum: ['order', 'change', 'cancel'] })
  type!: PendingApprovalItem['type'];

  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty()
  productName!: string;

  @ApiProperty({ description: 'The quantity once approved (0 for a cancellation)' })
  quantity!: number;

  @ApiProperty({ description: 'The quantity before (0 for an order)' })
  previousQuantity!: number;

  @ApiProperty({ example: '1260.00', description: moneyAnswer() })
  annualValue!: string;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ format: 'uuid' })
  requestedBy!: string;

  @ApiProperty({ format: 'date-time' })
  requestedAt!: string;
}

@Documents<Page<PendingApprovalItem>>()
export class PendingApprovalListResponse {
  @ApiProperty({ type: [PendingApprovalResponse] })
  items!: PendingApprovalResponse[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page; null on the last' })
  nextCursor!: string | null;
}
