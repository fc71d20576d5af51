import { ApiProperty } from '@nestjs/swagger';
import type { BillingFrequency, Page, SubscriptionStatus, SubscriptionView } from '@broker/contracts';
import { moneyAnswer } from '../money/money.openapi';
import { Documents } from '../openapi/documents-contract';

@Documents<SubscriptionView>()
export class SubscriptionResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty()
  productName!: string;

  @ApiProperty()
  quantity!: number;

  @ApiProperty({ example: '10.50', description: moneyAnswer('Price per unit per billing period') })
  price!: string;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ enum: ['monthly', 'annual'] })
  billingFrequency!: BillingFrequency;

  @ApiProperty({ enum: ['active', 'cancelled'] })
  status!: SubscriptionStatus;

  @ApiProperty({ example: '2026-03-16T09:00:00.000Z', description: 'When the order was approved' })
  startedAt!: string;

  @ApiProperty({ type: String, nullable: true })
  cancelledAt!: string | null;

  @ApiProperty({ type: [String], description: 'Licence holders, in the order they were assigned' })
  assignedUserIds!: string[];
}

@Documents<Page<SubscriptionView>>()
export class SubscriptionListResponse {
  @ApiProperty({ type: [SubscriptionResponse] })
  items!: SubscriptionResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
