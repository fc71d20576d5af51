import type { components } from '../../api/schema.gen';

export type Budgets = components['schemas']['BudgetsResponse'];
export type Budget = components['schemas']['BudgetResponse'];
export type SetBudget = components['schemas']['SetBudgetBody'];
export type BudgetPeriod = Budget['period'];
export type OverBudget = Budget['overBudget'];

/** Whose budget the form sets: the organization's own, or one cost centre's. */
export type BudgetScope = 'organization' | 'cost_centre';

export interface BudgetFields {
  scope: BudgetScope;
  /** The cost centre's label, while the scope is a cost centre. */
  costCentre: string;
  period: BudgetPeriod;
  /** A decimal in the organization's currency, as typed (`5000.00`). */
  amount: string;
  overBudget: OverBudget;
}

/** The fields the server names in a 400 that the form shows next to an input. */
export const BUDGET_FIELDS = ['period', 'amount', 'overBudget', 'costCentre'] as const;

/** The API's limit of a cost centre label. */
export const MAX_COST_CENTRE = 100;

export const PERIOD_LABELS: Record<BudgetPeriod, string> = { monthly: 'Monthly', quarterly: 'Quarterly', yearly: 'Yearly' };

export const OVER_BUDGET_LABELS: Record<OverBudget, string> = {
  needs_approval: 'Needs approval',
  refused: 'Refused',
};

/** What an order or quantity change that would take committed spend over the budget meets, as a sentence. */
export const OVER_BUDGET_TEXT: Record<OverBudget, string> = {
  needs_approval: 'An order over the budget needs approval',
  refused: 'An order over the budget is refused',
};

/** A new budget: the organization's own, monthly, asking for approval when passed. */
export function emptyFields(): BudgetFields {
  return { scope: 'organization', costCentre: '', period: 'monthly', amount: '', overBudget: 'needs_approval' };
}

/** The form for a budget that is set (to change it). */
export function toFields(budget: Budget): BudgetFields {
  return {
    scope: budget.costCentre === null ? 'organization' : 'cost_centre',
    costCentre: budget.costCentre ?? '',
    period: budget.period,
    amount: budget.amount,
    overBudget: budget.overBudget,
  };
}

/** The cost centre the form names (its label without surrounding blanks), or null for the organization's own budget. */
export function costCentreOf(fields: Pick<BudgetFields, 'scope' | 'costCentre'>): string | null {
  return fields.scope === 'organization' ? null : fields.costCentre.trim();
}

/** The body of PUT …/budgets/organization or …/budgets/cost-centres/{costCentre}; the amount is sent as typed, trimmed. */
export function toRequestBody(fields: BudgetFields): SetBudget {
  return { period: fields.period, amount: fields.amount.trim(), overBudget: fields.overBudget };
}

/** The form's own check of an amount; the server checks the rest (more than 0, the currency's decimals). */
export function amountProblem(value: string): string | null {
  if (value.trim() === '') return 'Enter the amount';
  return /^\d+(\.\d+)?$/.test(value.trim()) ? null : 'Enter an amount such as 5000.00';
}

/**
 * The form's own check of a cost centre label. "." and ".." cannot travel in a URL path (the browser resolves them
 * away), so they are refused here; the server checks the rest (plain text on one line).
 */
export function costCentreProblem(value: string): string | null {
  const label = value.trim();
  if (label === '') return 'Enter the cost centre';
  if (label.length > MAX_COST_CENTRE) return `At most ${MAX_COST_CENTRE} characters`;
  if (label === '.' || label === '..') return 'Enter a cost centre label other than "." or ".."';
  return null;
}

/** How a budget is named on the screen: "The organization" or "Cost centre Sales". */
export function budgetTitle(costCentre: string | null): string {
  return costCentre === null ? 'The organization' : `Cost centre ${costCentre}`;
}

/** The budget in a sentence: "the organization's budget", "the budget of cost centre Sales". */
export function budgetName(costCentre: string | null): string {
  return costCentre === null ? "the organization's budget" : `the budget of cost centre ${costCentre}`;
}
