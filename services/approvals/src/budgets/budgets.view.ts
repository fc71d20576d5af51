import { dateOfDay, formatAmount, type BudgetsView, type BudgetView } from '@broker/contracts';
import { budgetPeriodAt } from './domain/budget-period';
import { committedSpendCents, type BudgetSubscription } from './domain/committed-spend';
import { inScope } from './domain/budget-check';
import { budgetsOf, notifiedIn, type BudgetsState } from './domain/budgets.decider';

export interface BudgetSetters {
  /** By cost centre ('' for the organization's own): who set the budget in force and when. */
  [key: string]: { setBy: string; setAt: string };
}

/** Whole percent, rounded down: a budget exactly reached is 100, a cent short of it 99. */
export function percentUsed(spentCents: bigint, budgetCents: bigint): number {
  return budgetCents <= 0n ? 0 : Number((spentCents * 100n) / budgetCents);
}

/** The organization's budgets, each with committed spend in its period now; its own first, then cost centres by label. */
export function toBudgetsView(organizationId: string, state: BudgetsState, subscriptions: readonly BudgetSubscription[], currency: string | null, now: Date): BudgetsView {
  const budgets = budgetsOf(state, currency)
    .map((budget): BudgetView => {
      const period = budgetPeriodAt(budget.period, now);
      const spent = committedSpendCents(inScope(budget.scope, subscriptions), period);
      const costCentre = budget.scope.type === 'organization' ? null : budget.scope.costCentre;
      const stored = state.budgets[costCentre ?? '']!;
      return {
        costCentre,
        period: budget.period,
        amount: formatAmount(budget.amountCents, currency),
        overBudget: budget.overBudget,
        currentPeriod: { key: period.key, from: dateOfDay(period.from), to: dateOfDay(period.to) },
        committedSpend: formatAmount(spent, currency),
        percentUsed: percentUsed(spent, budget.amountCents),
        noticesSent: [...notifiedIn(state, costCentre, period.key)].sort((a, b) => a - b),
        setBy: stored.setBy,
        setAt: stored.setAt,
      };
    })
    .sort((a, b) => (a.costCentre === null ? -1 : b.costCentre === null ? 1 : a.costCentre.localeCompare(b.costCentre)));
  return { organizationId, currency, budgets };
}
