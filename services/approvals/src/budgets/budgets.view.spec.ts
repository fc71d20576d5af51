import type { BudgetSubscription } from './domain/committed-spend';
import { budgetsDecider, type BudgetsState } from './domain/budgets.decider';
import type { BudgetsEvent } from './domain/budgets.events';
import { percentUsed, toBudgetsView } from './budgets.view';

const ids = { organizationId: 'o-1', resellerId: 'r-1' };
const set = (costCentre: string | null, amount: string): BudgetsEvent => ({
  type: 'BudgetSet',
  data: { ...ids, costCentre, period: 'monthly', amount, overBudget: 'needs_approval', currency: 'EUR', setBy: 'u-1', setAt: '2026-03-01T00:00:00.000Z' },
});
const state = (...events: BudgetsEvent[]): BudgetsState => events.reduce(budgetsDecider.evolve, budgetsDecider.initialState());
/** 10 seats at 10.50 from 2026-03-16: 54.19 in March. */
const subscription = (subscriptionId: string, costCentre: string | null): BudgetSubscription => ({
  subscriptionId, productId: 'p-1', productName: 'Backup', costCentre, holders: [], currency: 'EUR',
  changes: [{ at: '2026-03-16T09:30:00Z', kind: 'activated', quantity: 10, unitPrice: '10.50', unitCost: '0', billingFrequency: 'monthly' }],
});

describe('budgets view', () => {
  it('rounds the percentage down: exactly the budget is 100, a cent short 99', () => {
    expect(percentUsed(10000n, 10000n)).toBe(100);
    expect(percentUsed(9999n, 10000n)).toBe(99);
    expect(percentUsed(8000n, 10000n)).toBe(80);
    expect(percentUsed(15000n, 10000n)).toBe(150);
  });

  // Both subscriptions are of one product: billing charges them as one line, 20 x 10.50 x 16/31 = 108.387 -> 108.39, rounded once.
  it("shows each budget's committed spend in its period now, its own first and cost centres by label", () => {
    const view = toBudgetsView('o-1', state(set('Sales', '100.00'), set(null, '108.39'), set('IT', '50.00')), [subscription('s-1', 'Sales'), subscription('s-2', null)], 'EUR', new Date('2026-03-20T12:00:00Z'));
    expect(view.budgets.map((b) => [b.costCentre, b.amount, b.committedSpend, b.percentUsed, b.currentPeriod.key])).toEqual([
      [null, '108.39', '108.39', 100, '2026-03'],
      ['IT', '50.00', '0.00', 0, '2026-03'],
      ['Sales', '100.00', '54.19', 54, '2026-03'],
    ]);
    expect(view.budgets[0]).toMatchObject({ currentPeriod: { from: '2026-03-01', to: '2026-03-31' }, noticesSent: [], setBy: 'u-1' });
  });
});
