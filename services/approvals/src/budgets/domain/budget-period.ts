import { addMonths, dayOfInstant, firstDayOfMonth, formatMonth, lastDayOfMonth, monthOfDay, monthsBetween, type Day, type YearMonth } from '@broker/contracts';

export const BUDGET_PERIOD_KINDS = ['monthly', 'quarterly', 'yearly'] as const;
export type BudgetPeriodKind = (typeof BUDGET_PERIOD_KINDS)[number];

/** A calendar month, quarter or year in UTC. */
export interface BudgetPeriod {
  kind: BudgetPeriodKind;
  /** `2026-03`, `2026-Q1`, `2026`: names the period (notices are sent once per key). */
  key: string;
  /** First and last day, both included. */
  from: Day;
  to: Day;
  months: YearMonth[];
}

const MONTHS_IN: Record<BudgetPeriodKind, number> = { monthly: 1, quarterly: 3, yearly: 12 };

/** The period of the kind that the moment falls in (its UTC day). */
export function budgetPeriodAt(kind: BudgetPeriodKind, at: Date): BudgetPeriod {
  const month = monthOfDay(dayOfInstant(at.toISOString()));
  const length = MONTHS_IN[kind];
  const first: YearMonth = { year: month.year, month: Math.floor((month.month - 1) / length) * length + 1 };
  const last = addMonths(first, length - 1);
  const key = kind === 'monthly' ? formatMonth(first) : kind === 'quarterly' ? `${first.year}-Q${(first.month + 2) / 3}` : String(first.year);
  return { kind, key, from: firstDayOfMonth(first), to: lastDayOfMonth(last), months: monthsBetween(first, last) };
}
