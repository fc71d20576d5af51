import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { BILLING_GROUPINGS, MONTH_PATTERN, type BillingGrouping } from '@broker/contracts';

/** GET /organizations/{orgId}/billing/report */
export class BillingReportQuery {
  @ApiPropertyOptional({ example: '2026-03', description: 'First month (YYYY-MM); default: `to`' })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: 'from must be a month written YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-05', description: 'Last month (YYYY-MM); default: the current month (UTC). Months after the current one are never billed.' })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: 'to must be a month written YYYY-MM' })
  to?: string;

  @ApiPropertyOptional({ enum: BILLING_GROUPINGS, default: 'service' })
  @IsOptional()
  @IsIn(BILLING_GROUPINGS)
  groupBy?: BillingGrouping;
}

/** GET /billing/summary */
export class BillingSummaryQuery {
  @ApiPropertyOptional({ example: '2026-03', description: 'YYYY-MM; default: the current month (UTC)' })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: 'month must be a month written YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Your reseller (the default); any other answers 404' })
  @IsOptional()
  @IsUUID()
  resellerId?: string;
}
