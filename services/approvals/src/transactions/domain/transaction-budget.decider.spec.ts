import type { BudgetVerdict, OverBudgetLine } from '../../budgets/domain/budget-check';
import { OverBudgetError } from '../../budgets/domain/budgets.errors';
import { sampleRequest } from '../testing/transaction-events.fixture';
import { transactionDecider, type TransactionRequest } from './transaction.decider';

const at = new Date('2026-03-16T09:00:00Z');
/** Under the dynamic limit (10 x 10.50 x 12 = 1260.00 a year, limit 5000.00): approved on request without budgets. */
const underLimit = { approvalRequired: false, dynamicApproval: { enabled: true, annualLimitCents: 500000n } };

const line = (overBudget: OverBudgetLine['overBudget'], costCentre: string | null = null): OverBudgetLine => ({
  costCentre, period: 'monthly', periodKey: '2026-03', budget: '100.00', committedSpend: '154.19', overBudget,
});
const verdict = (outcome: BudgetVerdict['outcome'], over: OverBudgetLine[] = []): BudgetVerdict => ({ outcome, over });
const decide = (overrides: Partial<TransactionRequest>) =>
  transactionDecider.decide({ type: 'RequestTransaction', data: sampleRequest({ policy: underLimit, ...overrides }), actorId: 'u-customer', at }, transactionDecider.initialState());

describe('transaction decider: budgets', () => {
  it('approves a request within every budget as the policy says, recording no budget', () => {
    const events = decide({ budget: verdict('within') });
    expect(events.map((e) => e.type)).toEqual(['TransactionRequested', 'TransactionApproved']);
    expect(events[0]!.data).not.toHaveProperty('overBudget');
  });

  it('has a request over a budget approved, whatever the dynamic limit says, and records which budget', () => {
    const events = decide({ budget: verdict('needs_approval', [line('needs_approval')]) });
    expect(events.map((e) => e.type)).toEqual(['TransactionRequested']);
    expect(events[0]!.data).toMatchObject({ needsApproval: true, appliedPolicy: 'dynamic_limit', overBudget: [line('needs_approval')] });
  });

  it("adds the reseller's step after the organization's chain when a budget asks for approval", () => {
    const chainRules = [{ condition: { type: 'always' as const }, steps: [{ approverIds: ['u-a'] }] }];
    const within = decide({ chainRules, budget: verdict('within') });
    expect(within[2]!.data).toMatchObject({ stepCount: 1 });
    const over = decide({ chainRules, budget: verdict('needs_approval', [line('needs_approval')]) });
    expect(over[0]!.data).toMatchObject({ chained: true, overBudget: [line('needs_approval')] });
    expect(over[2]!.data).toMatchObject({ stepIndex: 0, stepCount: 2 });
  });

  it('refuses a request over a budget that refuses, naming the budget and period, and records nothing', () => {
    expect(() => decide({ budget: verdict('refused', [line('needs_approval'), line('refused', 'Sales')]) })).toThrow(OverBudgetError);
    expect(() => decide({ budget: verdict('refused', [line('refused', 'Sales')]) })).toThrow('over the cost centre Sales budget for 2026-03');
    expect(() => decide({ budget: verdict('refused', [line('refused')]) })).toThrow(expect.objectContaining({ code: 'BUDGET.EXCEEDED' }));
  });

  it("keeps an order's cost centre in the facts of every event", () => {
    const events = decide({ costCentre: 'Sales' });
    expect(events.map((e) => e.data)).toEqual([expect.objectContaining({ costCentre: 'Sales' }), expect.objectContaining({ costCentre: 'Sales' })]);
    expect(decide({})[0]!.data).not.toHaveProperty('costCentre');
  });
});
