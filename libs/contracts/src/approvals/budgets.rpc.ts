import { IsDefined, IsIn, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ActorDto } from '../auth/actor';
import { ActorField } from '../shared/request-fields';
import { IsPlainText } from '../shared/plain-text';
import { rpc } from '../rpc-contract';
import { IsMoneyAmount } from './money';

/**
 * An organization's budgets, kept by the approvals service: its own and each cost centre's, per month, quarter or
 * year. An order or change that would take committed spend over one needs approval or is refused, as the budget says.
 */
export const BudgetsRpc = {
  get: rpc<GetBudgetsRequest, BudgetsView>('approvals.budgets.get', { errors: ['ORGANIZATION.NOT_FOUND', 'BUDGET.FORBIDDEN'] }),
  /** "Set to": records nothing when the budget is already so. */
  set: rpc<SetBudgetRequest, BudgetsView>('approvals.budgets.set', { errors: ['ORGANIZATION.NOT_FOUND', 'BUDGET.FORBIDDEN'] }),
  remove: rpc<RemoveBudgetRequest, BudgetsView>('approvals.budgets.remove', { errors: ['ORGANIZATION.NOT_FOUND', 'BUDGET.FORBIDDEN'] }),
} as const;

export const BUDGET_PERIODS = ['monthly', 'quarterly', 'yearly'] as const;
export type BudgetPeriodV1 = (typeof BUDGET_PERIODS)[number];
/** What happens to an order that would take committed spend over the budget. */
export const OVER_BUDGET_CHOICES = ['needs_approval', 'refused'] as const;
export type OverBudgetChoiceV1 = (typeof OVER_BUDGET_CHOICES)[number];
export const MAX_COST_CENTRE_LABEL = 100;

/** A cost centre label: plain text on one line, 1 to 100 characters (surrounding blanks are dropped). */
export function CostCentreField(): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    IsString()(target, property);
    MinLength(1)(target, property);
    MaxLength(MAX_COST_CENTRE_LABEL)(target, property);
    IsPlainText()(target, property);
  };
}

export class GetBudgetsRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;
}

export class RemoveBudgetRequest extends GetBudgetsRequest {
  /** Null: the organization's own budget; otherwise the cost centre's. */
  @ValidateIf((o: RemoveBudgetRequest) => o.costCentre !== null)
  @CostCentreField()
  costCentre!: string | null;
}

export class SetBudgetRequest extends RemoveBudgetRequest {
  @IsIn(BUDGET_PERIODS, { message: `period must be one of ${BUDGET_PERIODS.join(', ')}` })
  period!: BudgetPeriodV1;

  /** In the organization's currency, with its decimals; more than 0. */
  @IsDefined()
  @IsMoneyAmount()
  amount!: string | number;

  @IsIn(OVER_BUDGET_CHOICES, { message: `overBudget must be one of ${OVER_BUDGET_CHOICES.join(', ')}` })
  overBudget!: OverBudgetChoiceV1;
}

/** One budget and where committed spend stands in its current period. */
export interface BudgetView {
  /** Null: the organization's own budget. */
  costCentre: string | null;
  period: BudgetPeriodV1;
  /** Decimal strings in `currency`, with its decimals. */
  amount: string;
  overBudget: OverBudgetChoiceV1;
  /** The calendar period (UTC) now: `2026-03`, `2026-Q1` or `2026`, first and last day included. */
  currentPeriod: { key: string; from: string; to: string };
  /** What the subscriptions in the budget's scope will cost over the current period, as billing will charge it. */
  committedSpend: string;
  /** committedSpend / amount in whole percent, rounded down (a budget exactly reached is 100). */
  percentUsed: number;
  /** The thresholds (80, 100) whose e-mail went out in the current period. */
  noticesSent: number[];
  setBy: string;
  setAt: string;
}

export interface BudgetsView {
  organizationId: string;
  /** The reseller's currency; null while it has none (amounts then have two decimals). */
  currency: string | null;
  /** The organization's own budget first, then the cost centres' by label. */
  budgets: BudgetView[];
}
