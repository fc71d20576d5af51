import type { SubscriptionChange } from '@broker/contracts';
import { checkBudgets, isOverBudget, type Budget, type OverBudgetAction } from './budget-check';
import type { BudgetSubscription, ProposedChange } from './committed-spend';

const change = (at: string, kind: SubscriptionChange['kind'], quantity: number, unitPrice = '10.50'): SubscriptionChange => ({ at, kind, quantity, unitPrice, unitCost: '1.00', billingFrequency: 'monthly' });
const subscription = (subscriptionId: string, changes: SubscriptionChange[], costCentre: string | null = null): BudgetSubscription => ({
  subscriptionId, productId: 'p-1', productName: 'M365', changes, holders: [], costCentre,
});
const budget = (amountCents: bigint, overBudget: OverBudgetAction = 'needs_approval', period: Budget['period'] = 'monthly', costCentre?: string): Budget => ({
  scope: costCentre === undefined ? { type: 'organization' } : { type: 'cost_centre', costCentre },
  period,
  amountCents,
  overBudget,
});
const order = (at: string, quantity: number, unitPrice = '10.50', costCentre: string | null = null): ProposedChange => ({
  subscriptionId: 's-new', productId: 'p-1', productName: 'M365', costCentre, change: change(at, 'activated', quantity, unitPrice),
});
const changeOf = (subscriptionId: string, at: string, kind: SubscriptionChange['kind'], quantity: number, costCentre: string | null = null): ProposedChange => ({
  subscriptionId, productId: 'p-1', productName: 'M365', costCentre, change: change(at, kind, quantity),
});
const outcome = (budgets: Budget[], subscriptions: BudgetSubscription[], proposal: ProposedChange) => checkBudgets(budgets, subscriptions, proposal, new Date(proposal.change.at)).outcome;

const march1 = '2026-03-01T08:00:00Z';
const march16 = '2026-03-16T10:00:00Z';

describe('budget check', () => {
  it('keeps spend exactly at the budget within it, and one cent more over it', () => {
    // 10 seats at 10.50 for all of March: 105.00.
    expect(outcome([budget(10500n)], [], order(march1, 10))).toBe('within');
    expect(outcome([budget(10501n)], [], order(march1, 10))).toBe('within');
    expect(outcome([budget(10499n)], [], order(march1, 10))).toBe('needs_approval');
    expect(outcome([budget(10499n, 'refused')], [], order(march1, 10))).toBe('refused');
  });

  it('compares the accrued amount rounded as billing rounds it, to the cent', () => {
    // From 16 March: 10 x 10.50 x 16 / 31 = 54.1935... -> 54.19.
    expect(outcome([budget(5419n)], [], order(march16, 10))).toBe('within');
    expect(outcome([budget(5418n)], [], order(march16, 10))).toBe('needs_approval');
    // From 16 April: 10.01 x 15 / 30 = 5.005 -> 5.01 (half-up).
    expect(outcome([budget(501n)], [], order('2026-04-16T00:00:00Z', 1, '10.01'))).toBe('within');
    expect(outcome([budget(500n)], [], order('2026-04-16T00:00:00Z', 1, '10.01'))).toBe('needs_approval');
  });

  it('adds the order to what the subscriptions already commit', () => {
    const fiveSeats = subscription('s-1', [change('2026-01-01T00:00:00Z', 'activated', 5)]);
    // 52.50 committed; 5 more seats from 16 March: 5 x 15 + 10 x 16 = 235 seat-days x 10.50 / 31 = 79.596... -> 79.60.
    const result = checkBudgets([budget(7960n)], [fiveSeats], changeOf('s-1', march16, 'changed', 10), new Date(march16));
    expect(result.lines.map((l) => [l.spentBeforeCents, l.spentAfterCents, l.over])).toEqual([[5250n, 7960n, false]]);
    expect(outcome([budget(7959n)], [fiveSeats], changeOf('s-1', march16, 'changed', 10))).toBe('needs_approval');
    // An order beside it: 52.50 + 54.19.
    expect(outcome([budget(5250n + 5419n)], [fiveSeats], order(march16, 10))).toBe('within');
    expect(outcome([budget(5250n + 5418n)], [fiveSeats], order(march16, 10))).toBe('needs_approval');
  });

  it('never stops a decrease or a cancellation, even over the budget; an increase over it is held', () => {
    const tenSeats = subscription('s-1', [change('2026-01-01T00:00:00Z', 'activated', 10)]);
    expect(outcome([budget(5000n, 'refused')], [tenSeats], changeOf('s-1', march16, 'changed', 5))).toBe('within');
    expect(outcome([budget(5000n, 'refused')], [tenSeats], changeOf('s-1', march16, 'cancelled', 10))).toBe('within');
    expect(outcome([budget(5000n, 'refused')], [tenSeats], order(march16, 1))).toBe('refused');
    expect(isOverBudget(100n, 100n, 100n)).toBe(false);
    expect(isOverBudget(100n, 100n, 101n)).toBe(true);
    expect(isOverBudget(100n, 150n, 120n)).toBe(false);
    expect(isOverBudget(100n, 150n, 151n)).toBe(true);
  });

  it('counts a quarterly or yearly budget over its whole period', () => {
    // Ordered 1 February for the quarter: February and March, 105.00 each.
    const feb1 = '2026-02-01T00:00:00Z';
    expect(outcome([budget(21000n, 'needs_approval', 'quarterly')], [], order(feb1, 10))).toBe('within');
    expect(outcome([budget(20999n, 'needs_approval', 'quarterly')], [], order(feb1, 10))).toBe('needs_approval');
    // The year: February to December, 11 months.
    expect(outcome([budget(115500n, 'needs_approval', 'yearly')], [], order(feb1, 10))).toBe('within');
    expect(outcome([budget(115499n, 'needs_approval', 'yearly')], [], order(feb1, 10))).toBe('needs_approval');
  });

  it("holds a cost centre's budget to its own subscriptions, and the organization's to all", () => {
    const sales = subscription('s-sales', [change('2026-01-01T00:00:00Z', 'activated', 10)], 'sales');
    const it = subscription('s-it', [change('2026-01-01T00:00:00Z', 'activated', 10)], 'it');
    const salesBudget = budget(10500n, 'refused', 'monthly', 'sales');
    // An order for IT leaves the sales budget as it is.
    expect(outcome([salesBudget], [sales, it], order(march1, 1, '10.50', 'it'))).toBe('within');
    expect(outcome([salesBudget], [sales, it], order(march1, 1, '10.50', 'sales'))).toBe('refused');
    const organization = budget(21000n + 1050n, 'needs_approval');
    expect(outcome([organization], [sales, it], order(march1, 1, '10.50', 'it'))).toBe('within');
    expect(outcome([organization], [sales, it], order(march1, 2, '10.50', 'it'))).toBe('needs_approval');
  });

  it('answers the strictest of the budgets broken: refused before approval', () => {
    const sales = subscription('s-sales', [change('2026-01-01T00:00:00Z', 'activated', 10)], 'sales');
    const budgets = [budget(10000n, 'needs_approval'), budget(10500n, 'refused', 'monthly', 'sales')];
    expect(outcome(budgets, [sales], order(march1, 1, '10.50', 'it'))).toBe('needs_approval');
    expect(outcome(budgets, [sales], order(march1, 1, '10.50', 'sales'))).toBe('refused');
    expect(outcome([], [sales], order(march1, 100))).toBe('within');
  });
});
