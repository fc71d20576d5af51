import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BILLING_GROUPINGS, type BillingDetailsView, type BillingGrouping, type BillingReport, type BillingReportLine, type MonthAmounts, type ResellerSummary, type ResellerSummaryItem } from '@broker/contracts';
import { moneyAnswer } from '../money/money.openapi';
import { Documents } from '../openapi/documents-contract';

/** Response shapes, for the OpenAPI document. */
@Documents<BillingReportLine>()
export class BillingReportLineResponse {
  @ApiProperty({ example: '2026-03' })
  month!: string;

  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty({ example: 'Microsoft 365 E3' })
  productName!: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Grouped by user only; null: the seats assigned to nobody' })
  userId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Grouped by user only: the username' })
  userName?: string | null;

  @ApiProperty({ example: 10, description: 'The most seats charged on one day of the month' })
  quantity!: number;

  @ApiProperty({ example: '54.19', description: moneyAnswer('Rounded half-up once, to the minor unit of the currency') })
  amount!: string;
}

@Documents<BillingReport>()
export class BillingReportResponse {
  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'EUR' })
  currency!: string | null;

  @ApiProperty({ example: '2026-03' })
  from!: string;

  @ApiProperty({ example: '2026-05' })
  to!: string;

  @ApiProperty({ example: '2026-03-16', description: 'First date charged: the first day of `from`, or the billing start date when later (UTC dates)' })
  effectiveFrom!: string;

  @ApiProperty({ example: '2026-05-31', description: 'Last date charged: the end of `to`, or of the current month when `to` is later' })
  effectiveTo!: string;

  @ApiProperty({ example: '2026-05-02', description: 'The UTC date the report was computed on; its month is billed in advance to its end' })
  asOf!: string;

  @ApiProperty({ enum: BILLING_GROUPINGS })
  groupBy!: BillingGrouping;

  @ApiProperty({ type: [BillingReportLineResponse] })
  lines!: BillingReportLineResponse[];

  @ApiProperty({ example: '254.48', description: moneyAnswer('The sum of the lines (the same for both groupings)') })
  total!: string;
}

@Documents<MonthAmounts>()
export class MonthAmountsResponse {
  @ApiProperty({ example: '1260.00', description: moneyAnswer('At sell prices') })
  revenue!: string;

  @ApiProperty({ example: '960.00', description: moneyAnswer('At cost prices, same accrual') })
  cost!: string;

  @ApiProperty({ example: '300.00', description: moneyAnswer('revenue - cost') })
  margin!: string;
}

@Documents<ResellerSummaryItem>()
export class BillingSummaryItemResponse extends MonthAmountsResponse {
  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty()
  organizationName!: string;
}

@Documents<ResellerSummary>()
export class BillingSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  resellerId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'EUR' })
  currency!: string | null;

  @ApiProperty({ example: '2026-03' })
  month!: string;

  @ApiProperty({ example: '2026-03-20' })
  asOf!: string;

  @ApiProperty({ type: [BillingSummaryItemResponse] })
  items!: BillingSummaryItemResponse[];

  @ApiProperty({ type: MonthAmountsResponse })
  totals!: MonthAmountsResponse;
}

/** The version goes in the ETag header, not the body. */
@Documents<Omit<BillingDetailsView, 'version'>>()
export class BillingDetailsResponse {
  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty({ type: String, nullable: true })
  billingContactName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  billingEmail!: string | null;

  @ApiProperty({ type: String, nullable: true })
  purchaseOrderReference!: string | null;

  @ApiProperty({ type: String, nullable: true })
  invoiceAddress!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-16T09:00:00.000Z' })
  updatedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  updatedBy!: string | null;
}
