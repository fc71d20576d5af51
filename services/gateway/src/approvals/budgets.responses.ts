import { ApiProperty } from '@nestjs/swagger';
import { BUDGET_PERIODS, OVER_BUDGET_CHOICES, type BudgetPeriodV1, type BudgetsView, type BudgetView, type OverBudgetChoiceV1 } from '@broker/contracts';
import { Documents } from '../openapi/documents-contract';

@Documents<BudgetView['currentPeriod']>()
export class BudgetPeriodResponse {
  @ApiProperty({ example: '2026-Q1', description: '`2026-03` (monthly), `2026-Q1` (quarterly) or `2026` (yearly)' })
  key!: string;

  @ApiProperty({ format: 'date', description: 'First day, included' })
  from!: string;

  @ApiProperty({ format: 'date', description: 'Last day, included' })
  to!: string;
}

@Documents<BudgetView>()
export class BudgetResponse {
  @ApiProperty({ type: String, nullable: true, description: "The cost centre's label; null: the organization's own budget" })
  costCentre!: string | null;

  @ApiProperty({ enum: BUDGET_PERIODS })
  period!: BudgetPeriodV1;

  @ApiProperty({ example: '5000.00', description: 'In the currency of the organization, with its decimals' })
  amount!: string;

  @ApiProperty({ enum: OVER_BUDGET_CHOICES })
  overBudget!: OverBudgetChoiceV1;

  @ApiProperty({ type: BudgetPeriodResponse, description: 'The period the budget counts now' })
  currentPeriod!: BudgetPeriodResponse;

  @ApiProperty({ example: '4210.50', description: "What the subscriptions in the budget's scope will cost over the current period, by billing's accrual rules (days past and to come)" })
  committedSpend!: string;

  @ApiProperty({ example: 84, description: 'Committed spend as whole percent of the amount, rounded down' })
  percentUsed!: number;

  @ApiProperty({ type: [Number], example: [80], description: "The thresholds whose e-mail to the organization's billing admins went out in the current period" })
  noticesSent!: number[];

  @ApiProperty({ format: 'uuid' })
  setBy!: string;

  @ApiProperty({ format: 'date-time' })
  setAt!: string;
}

@Documents<BudgetsView>()
export class BudgetsResponse {
  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'EUR', description: "The reseller's currency; null while it has none" })
  currency!: string | null;

  @ApiProperty({ type: [BudgetResponse], description: "The organization's own budget first, then its cost centres' by label; empty: no budget" })
  budgets!: BudgetResponse[];
}
