import type { BudgetThreshold } from './budget-notices';
import type { OverBudgetAction } from './budget-check';
import type { BudgetPeriodKind } from './budget-period';

interface BudgetTarget {
  organizationId: string;
  resellerId: string;
  /** null: the organization's own budget. */
  costCentre: string | null;
}

/**
 * Internal events of an organization's budgets stream (`budgets-<organizationId>`): its budget and its cost centres',
 * and the threshold notices sent, so each goes once per period. Amounts are decimals in the organization's currency.
 */
export type BudgetsEvent =
  | { type: 'BudgetSet'; data: BudgetTarget & { period: BudgetPeriodKind; amount: string; overBudget: OverBudgetAction; currency?: string | null; setBy: string; setAt: string } }
  | { type: 'BudgetRemoved'; data: BudgetTarget & { removedBy: string; removedAt: string } }
  | { type: 'BudgetThresholdNotified'; data: BudgetTarget & ThresholdNotice & { notifiedAt: string } };

/** A threshold reached in a period, with the budget and the committed spend that reached it (decimals, `currency`). */
export interface ThresholdNotice {
  periodKey: string;
  threshold: BudgetThreshold;
  period: BudgetPeriodKind;
  budget: string;
  committedSpend: string;
  currency: string | null;
}

export const budgetsStreamId = (organizationId: string): string => `budgets-${organizationId}`;
