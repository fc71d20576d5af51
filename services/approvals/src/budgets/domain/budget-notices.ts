export const BUDGET_THRESHOLDS = [80, 100] as const;
export type BudgetThreshold = (typeof BUDGET_THRESHOLDS)[number];

/** spend * 100 >= budget * percent, in integers: no rounding can put spend a cent short of or past a threshold. */
export function thresholdReached(spendCents: bigint, budgetCents: bigint, percent: BudgetThreshold): boolean {
  return spendCents * 100n >= budgetCents * BigInt(percent);
}

/**
 * The notices due for a period: each threshold the spend has reached that was not notified in the period yet (so
 * each at most once per period). Spend that falls back and rises again in the period is not notified again; a
 * budget lowered below the spend notifies at once.
 */
export function thresholdNoticesDue(input: { budgetCents: bigint; spendCents: bigint; notified: readonly BudgetThreshold[] }): BudgetThreshold[] {
  if (input.budgetCents <= 0n) return [];
  return BUDGET_THRESHOLDS.filter((percent) => !input.notified.includes(percent) && thresholdReached(input.spendCents, input.budgetCents, percent));
}
