import { moneyErrorMessage, parseMoneyAmount, readMoneyAmount } from '@broker/contracts';
import type { Decider } from '@broker/event-sourcing';
import { OVER_BUDGET_ACTIONS, type Budget, type OverBudgetAction } from './budget-check';
import type { BudgetThreshold } from './budget-notices';
import { BUDGET_PERIOD_KINDS, type BudgetPeriodKind } from './budget-period';
import type { BudgetsEvent, ThresholdNotice } from './budgets.events';
import { InvalidBudgetError, type FieldMessage } from './budgets.errors';

export const MAX_COST_CENTRE_LENGTH = 100;

interface Target {
  organizationId: string;
  resellerId: string;
  /** null: the organization's own budget. */
  costCentre: string | null;
}

export type BudgetsCommand =
  | {
      type: 'SetBudget';
      /** `currency`: the organization's; the amount has exactly its decimals (unknown: two). */
      data: Target & { period: BudgetPeriodKind; amount: string | number; overBudget: OverBudgetAction; currency?: string };
      actorId: string;
      at: Date;
    }
  | { type: 'RemoveBudget'; data: Target; actorId: string; at: Date }
  | { type: 'RecordThresholdNotice'; data: Target & ThresholdNotice; at: Date };

export interface StoredBudget {
  costCentre: string | null;
  period: BudgetPeriodKind;
  amount: string;
  overBudget: OverBudgetAction;
  setBy: string;
  setAt: string;
  /** The currency the amount is in (the reseller's when it was set); null: two decimals. */
  currency: string | null;
}

type BudgetSettings = Omit<StoredBudget, 'setBy' | 'setAt' | 'currency'>;

export interface BudgetsState {
  /** By cost centre ('' for the organization's own). */
  budgets: Record<string, StoredBudget>;
  /** Thresholds notified, by cost centre and period key. */
  notified: Record<string, BudgetThreshold[]>;
}

const budgetKey = (costCentre: string | null): string => costCentre ?? '';
const noticeKey = (costCentre: string | null, periodKey: string): string => `${costCentre ?? ''}\u0000${periodKey}`;

/** A stored budget in force, its amount in minor units of `currency`. */
export function budgetOf(stored: StoredBudget, currency?: string | null): Budget {
  return {
    scope: stored.costCentre === null ? { type: 'organization' } : { type: 'cost_centre', costCentre: stored.costCentre },
    period: stored.period,
    amountCents: readMoneyAmount(stored.amount, currency),
    overBudget: stored.overBudget,
  };
}

/** The budgets in force, amounts in minor units of the organization's currency. */
export function budgetsOf(state: BudgetsState, currency?: string | null): Budget[] {
  return Object.values(state.budgets).map((stored) => budgetOf(stored, currency));
}

/** What was notified for the budget (organization: null) in the period. */
export function notifiedIn(state: BudgetsState, costCentre: string | null, periodKey: string): BudgetThreshold[] {
  return state.notified[noticeKey(costCentre, periodKey)] ?? [];
}

/** A cost centre label as stored (trimmed), null for the organization's own budget. */
function costCentreOf(value: string | null, errors: FieldMessage[]): string | null {
  if (value === null) return null;
  const label = typeof value === 'string' ? value.trim() : '';
  if (label.length < 1 || label.length > MAX_COST_CENTRE_LENGTH) errors.push({ field: 'costCentre', message: `costCentre must be 1 to ${MAX_COST_CENTRE_LENGTH} characters, or null for the organization's budget` });
  return label;
}

function validBudget(data: Extract<BudgetsCommand, { type: 'SetBudget' }>['data']): BudgetSettings {
  const errors: FieldMessage[] = [];
  const costCentre = costCentreOf(data.costCentre, errors);
  if (!BUDGET_PERIOD_KINDS.includes(data.period)) errors.push({ field: 'period', message: `period must be one of ${BUDGET_PERIOD_KINDS.join(', ')}` });
  if (!OVER_BUDGET_ACTIONS.includes(data.overBudget)) errors.push({ field: 'overBudget', message: `overBudget must be one of ${OVER_BUDGET_ACTIONS.join(', ')}` });
  const parsed = parseMoneyAmount(data.amount, data.currency);
  if (!parsed.ok) errors.push({ field: 'amount', message: moneyErrorMessage('amount', parsed.reason, data.currency) });
  // A budget of nothing would hold every order; removing the budget is how to have none.
  else if (parsed.cents === 0n) errors.push({ field: 'amount', message: 'amount must be more than 0' });
  if (errors.length > 0 || !parsed.ok) throw new InvalidBudgetError(errors);
  return { costCentre, period: data.period, amount: parsed.amount, overBudget: data.overBudget };
}

/** "Set to" per budget: nothing is recorded when the budget is already so, or a removed one absent, or a notice sent. */
export const budgetsDecider: Decider<BudgetsCommand, BudgetsEvent, BudgetsState> = {
  initialState: () => ({ budgets: {}, notified: {} }),

  decide(command, state) {
    const { organizationId, resellerId } = command.data;
    const at = command.at.toISOString();
    switch (command.type) {
      case 'SetBudget': {
        const next = validBudget(command.data);
        const current = state.budgets[budgetKey(next.costCentre)];
        if (current && current.period === next.period && current.amount === next.amount && current.overBudget === next.overBudget) return [];
        return [{ type: 'BudgetSet', data: { organizationId, resellerId, ...next, currency: command.data.currency ?? null, setBy: command.actorId, setAt: at } }];
      }
      case 'RemoveBudget': {
        const costCentre = command.data.costCentre === null ? null : command.data.costCentre.trim();
        if (!state.budgets[budgetKey(costCentre)]) return [];
        return [{ type: 'BudgetRemoved', data: { organizationId, resellerId, costCentre, removedBy: command.actorId, removedAt: at } }];
      }
      case 'RecordThresholdNotice': {
        const { costCentre, periodKey, threshold, period, budget, committedSpend, currency } = command.data;
        if (notifiedIn(state, costCentre, periodKey).includes(threshold)) return [];
        return [{ type: 'BudgetThresholdNotified', data: { organizationId, resellerId, costCentre, periodKey, threshold, period, budget, committedSpend, currency, notifiedAt: at } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'BudgetSet': {
        const { costCentre, period, amount, overBudget, setBy, setAt } = event.data;
        const stored: StoredBudget = { costCentre, period, amount, overBudget, setBy, setAt, currency: event.data.currency ?? null };
        return { ...state, budgets: { ...state.budgets, [budgetKey(costCentre)]: stored } };
      }
      case 'BudgetRemoved': {
        const budgets = { ...state.budgets };
        delete budgets[budgetKey(event.data.costCentre)];
        return { ...state, budgets };
      }
      case 'BudgetThresholdNotified': {
        const key = noticeKey(event.data.costCentre, event.data.periodKey);
        return { ...state, notified: { ...state.notified, [key]: [...(state.notified[key] ?? []), event.data.threshold] } };
      }
    }
  },
};
