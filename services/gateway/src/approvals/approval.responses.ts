import { ApiProperty } from '@nestjs/swagger';
import { moneyAnswer } from '../money/money.openapi';

/** Response shapes, for the OpenAPI document. */
export class PendingApprovalResponse {
  @ApiProperty({ format: 'uuid' })
  transactionId!: string;

  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty()
  organizationName!: string;

  @ApiProperty({ enum: ['order', 'change', 'cancel'] })
  type!: string;

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

export class PendingApprovalListResponse {
  @ApiProperty({ type: [PendingApprovalResponse] })
  items!: PendingApprovalResponse[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page; null on the last' })
  nextCursor!: string | null;
}
