import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { budgetsDecider, budgetsOf, notifiedIn, type BudgetsCommand } from './budgets.decider';
import type { BudgetsEvent } from './budgets.events';
import { InvalidBudgetError } from './budgets.errors';

const spec = DeciderSpecification.for(budgetsDecider);
const at = new Date('2026-03-16T09:00:00Z');
const ids = { organizationId: 'o-1', resellerId: 'r-1' };

type SetData = Extract<BudgetsCommand, { type: 'SetBudget' }>['data'];
const set = (fields: Partial<SetData> = {}): BudgetsCommand => ({
  type: 'SetBudget',
  data: { ...ids, costCentre: null, period: 'monthly', amount: '1000', overBudget: 'needs_approval', ...fields },
  actorId: 'u-1',
  at,
});
const budgetSet = (fields: Partial<Extract<BudgetsEvent, { type: 'BudgetSet' }>['data']> = {}): BudgetsEvent => ({
  type: 'BudgetSet',
  data: { ...ids, costCentre: null, period: 'monthly', amount: '1000.00', overBudget: 'needs_approval', currency: null, setBy: 'u-1', setAt: at.toISOString(), ...fields },
});
const remove = (costCentre: string | null): BudgetsCommand => ({ type: 'RemoveBudget', data: { ...ids, costCentre }, actorId: 'u-1', at });
const removed = (costCentre: string | null): BudgetsEvent => ({ type: 'BudgetRemoved', data: { ...ids, costCentre, removedBy: 'u-1', removedAt: at.toISOString() } });
const spend = { period: 'monthly' as const, budget: '1000.00', committedSpend: '800.00', currency: 'EUR' };
const notice = (periodKey: string, threshold: 80 | 100, costCentre: string | null = null): BudgetsCommand => ({ type: 'RecordThresholdNotice', data: { ...ids, costCentre, periodKey, threshold, ...spend }, at });
const noticed = (periodKey: string, threshold: 80 | 100, costCentre: string | null = null): BudgetsEvent => ({
  type: 'BudgetThresholdNotified',
  data: { ...ids, costCentre, periodKey, threshold, ...spend, notifiedAt: at.toISOString() },
});
/** Refused, naming exactly these fields. */
const refused = (command: BudgetsCommand, fields: string) =>
  spec.when(command).thenThrows(InvalidBudgetError, (error) => error.code === 'VALIDATION' && error.errors.map((e) => e.field).join() === fields);

describe('budgets decider', () => {
  it("records the organization's budget and a cost centre's, amounts exact in the currency", () => {
    spec.when(set()).then([budgetSet()]);
    spec.when(set({ costCentre: '  Sales ', period: 'quarterly', amount: 2500.5, overBudget: 'refused' })).then([budgetSet({ costCentre: 'Sales', period: 'quarterly', amount: '2500.50', overBudget: 'refused' })]);
    spec.when(set({ amount: '150000.00', currency: 'JPY', period: 'yearly' })).then([budgetSet({ amount: '150000', period: 'yearly', currency: 'JPY' })]);
    spec.when(set({ amount: '0.001', currency: 'KWD' })).then([budgetSet({ amount: '0.001', currency: 'KWD' })]);
  });

  it('records nothing when the budget is already so, and a change when anything differs', () => {
    spec.given([budgetSet()]).when(set({ amount: 1000 })).then([]);
    spec.given([budgetSet()]).when(set({ amount: '1000.01' })).then([budgetSet({ amount: '1000.01' })]);
    spec.given([budgetSet()]).when(set({ period: 'yearly' })).then([budgetSet({ period: 'yearly' })]);
    spec.given([budgetSet()]).when(set({ overBudget: 'refused' })).then([budgetSet({ overBudget: 'refused' })]);
    // A cost centre's budget is another budget than the organization's.
    spec.given([budgetSet()]).when(set({ costCentre: 'IT' })).then([budgetSet({ costCentre: 'IT' })]);
  });

  it('refuses a budget of nothing, a negative one, one badly written, an unknown period or action, and an empty or long cost centre', () => {
    refused(set({ amount: '0.00' }), 'amount');
    refused(set({ amount: '-5' }), 'amount');
    refused(set({ amount: '10.005' }), 'amount');
    refused(set({ amount: '10.5', currency: 'JPY' }), 'amount');
    refused(set({ period: 'weekly' as never }), 'period');
    refused(set({ overBudget: 'ignored' as never }), 'overBudget');
    refused(set({ costCentre: '   ' }), 'costCentre');
    refused(set({ costCentre: 'x'.repeat(101) }), 'costCentre');
    refused(set({ costCentre: '', amount: 'lots' }), 'costCentre,amount');
    spec.when(set({ costCentre: 'x'.repeat(100) })).then([budgetSet({ costCentre: 'x'.repeat(100) })]);
  });

  it('removes a budget once; removing none records nothing', () => {
    spec.given([budgetSet(), budgetSet({ costCentre: 'IT' })]).when(remove('IT')).then([removed('IT')]);
    spec.given([budgetSet(), budgetSet({ costCentre: 'IT' })]).when(remove(null)).then([removed(null)]);
    spec.given([budgetSet(), removed(null)]).when(remove(null)).then([]);
    spec.when(remove('IT')).then([]);
  });

  it('records each threshold notice once per budget and period', () => {
    spec.when(notice('2026-03', 80)).then([noticed('2026-03', 80)]);
    spec.given([noticed('2026-03', 80)]).when(notice('2026-03', 80)).then([]);
    spec.given([noticed('2026-03', 80)]).when(notice('2026-03', 100)).then([noticed('2026-03', 100)]);
    spec.given([noticed('2026-03', 80)]).when(notice('2026-04', 80)).then([noticed('2026-04', 80)]);
    spec.given([noticed('2026-03', 80)]).when(notice('2026-03', 80, 'IT')).then([noticed('2026-03', 80, 'IT')]);
  });

  it('answers the budgets in force in minor units, and what was notified', () => {
    const state = [budgetSet(), budgetSet({ costCentre: 'IT', amount: '250.00', overBudget: 'refused' }), budgetSet({ costCentre: 'HR' }), removed('HR'), noticed('2026-Q1', 80, 'IT')].reduce(
      budgetsDecider.evolve,
      budgetsDecider.initialState(),
    );
    expect(budgetsOf(state)).toEqual([
      { scope: { type: 'organization' }, period: 'monthly', amountCents: 100000n, overBudget: 'needs_approval' },
      { scope: { type: 'cost_centre', costCentre: 'IT' }, period: 'monthly', amountCents: 25000n, overBudget: 'refused' },
    ]);
    expect(notifiedIn(state, 'IT', '2026-Q1')).toEqual([80]);
    expect(notifiedIn(state, null, '2026-Q1')).toEqual([]);
  });
});
