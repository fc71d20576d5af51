import { formatAmount } from '@broker/contracts';
import type { BudgetPeriod, BudgetPeriodKind } from './budget-period';
import { budgetPeriodAt } from './budget-period';
import { committedSpendCents, withProposal, type BudgetSubscription, type ProposedChange } from './committed-spend';

export const OVER_BUDGET_ACTIONS = ['needs_approval', 'refused'] as const;
export type OverBudgetAction = (typeof OVER_BUDGET_ACTIONS)[number];

/** The organization's own budget, or that of one cost centre (its subscriptions labelled with it). */
export type BudgetScope = { type: 'organization' } | { type: 'cost_centre'; costCentre: string };

export interface Budget {
  scope: BudgetScope;
  period: BudgetPeriodKind;
  /** In minor units of the organization's currency. */
  amountCents: bigint;
  overBudget: OverBudgetAction;
}

export interface BudgetLine {
  budget: Budget;
  period: BudgetPeriod;
  spentBeforeCents: bigint;
  spentAfterCents: bigint;
  over: boolean;
}

export interface BudgetCheck {
  /** `within` every budget; otherwise what the strictest budget broken asks for (refused before needs_approval). */
  outcome: 'within' | OverBudgetAction;
  lines: BudgetLine[];
}

/**
 * Over the budget is strictly above it: spend exactly at the budget is within it. Only a change that adds committed
 * spend can take it over; a decrease or cancellation is never stopped by a budget, even one already exceeded.
 */
export function isOverBudget(budgetCents: bigint, spentBeforeCents: bigint, spentAfterCents: bigint): boolean {
  return spentAfterCents > budgetCents && spentAfterCents > spentBeforeCents;
}

export function inScope(scope: BudgetScope, subscriptions: readonly BudgetSubscription[]): BudgetSubscription[] {
  return scope.type === 'organization' ? [...subscriptions] : subscriptions.filter((s) => s.costCentre === scope.costCentre);
}

/**
 * Checks a proposed change against each budget in the period its moment falls in (the change's effective time). The
 * outcome holds whatever the other approval rules say: a budget can only add approval or refuse.
 */
export function checkBudgets(budgets: readonly Budget[], subscriptions: readonly BudgetSubscription[], proposal: ProposedChange, at: Date): BudgetCheck {
  const after = withProposal(subscriptions, proposal);
  const lines = budgets.map((budget): BudgetLine => {
    const period = budgetPeriodAt(budget.period, at);
    const spentBeforeCents = committedSpendCents(inScope(budget.scope, subscriptions), period);
    const spentAfterCents = committedSpendCents(inScope(budget.scope, after), period);
    return { budget, period, spentBeforeCents, spentAfterCents, over: isOverBudget(budget.amountCents, spentBeforeCents, spentAfterCents) };
  });
  const broken = lines.filter((line) => line.over);
  const outcome = broken.some((line) => line.budget.overBudget === 'refused') ? 'refused' : broken.length > 0 ? 'needs_approval' : 'within';
  return { outcome, lines };
}

/** A budget an order would take committed spend over, as recorded with the request (amounts in its currency). */
export interface OverBudgetLine {
  costCentre: string | null;
  period: BudgetPeriodKind;
  periodKey: string;
  budget: string;
  /** Committed spend in the period once the order applies. */
  committedSpend: string;
  overBudget: OverBudgetAction;
}

/** What the budgets say of a request: `within` all of them, or what the strictest broken one asks, and which. */
export interface BudgetVerdict {
  outcome: BudgetCheck['outcome'];
  over: OverBudgetLine[];
}

export function budgetVerdict(check: BudgetCheck, currency: string): BudgetVerdict {
  const over = check.lines
    .filter((line) => line.over)
    .map((line): OverBudgetLine => ({
      costCentre: line.budget.scope.type === 'organization' ? null : line.budget.scope.costCentre,
      period: line.budget.period,
      periodKey: line.period.key,
      budget: formatAmount(line.budget.amountCents, currency),
      committedSpend: formatAmount(line.spentAfterCents, currency),
      overBudget: line.budget.overBudget,
    }));
  return { outcome: check.outcome, over };
}
