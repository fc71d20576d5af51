import { buildReport, type SubscriptionChange } from '@broker/contracts';
import { budgetPeriodAt, type BudgetPeriod } from './budget-period';
import { committedSpendCents, withProposal, type BudgetSubscription } from './committed-spend';

const change = (at: string, kind: SubscriptionChange['kind'], quantity: number, unitPrice = '10.50', billingFrequency: 'monthly' | 'annual' = 'monthly'): SubscriptionChange => ({
  at, kind, quantity, unitPrice, unitCost: '1.00', billingFrequency,
});
const subscription = (subscriptionId: string, changes: SubscriptionChange[], productId = 'p-1', costCentre: string | null = null): BudgetSubscription => ({
  subscriptionId, productId, productName: productId, changes, holders: [], costCentre,
});
const period = (kind: 'monthly' | 'quarterly' | 'yearly', at: string) => budgetPeriodAt(kind, new Date(at));
const tenSeats = subscription('s-1', [change('2026-01-01T00:00:00Z', 'activated', 10)]);

/** What billing's own report charges for the period's months, billed to the period's end. */
const billed = (subscriptions: BudgetSubscription[], p: BudgetPeriod) =>
  buildReport({ billingStartDate: null, subscriptions }, { from: p.months[0]!, to: p.months[p.months.length - 1]!, today: p.to }, 'service').totalCents;

describe('committed spend', () => {
  it('counts the whole period, days to come included: 10 seats at 10.50 are 105.00 a month', () => {
    expect(committedSpendCents([tenSeats], period('monthly', '2026-03-02T00:00:00Z'))).toBe(10500n);
    expect(committedSpendCents([tenSeats], period('quarterly', '2026-03-02T00:00:00Z'))).toBe(31500n);
    expect(committedSpendCents([tenSeats], period('yearly', '2026-03-02T00:00:00Z'))).toBe(126000n);
  });

  it('accrues per day from the effective day: 16 of 31 days of 105.00 are 54.19', () => {
    // 10 x 10.50 x 16 / 31 = 54.1935...: rounded half-up once, to 54.19.
    expect(committedSpendCents([subscription('s-1', [change('2026-03-16T10:00:00Z', 'activated', 10)])], period('monthly', '2026-03-16T10:00:00Z'))).toBe(5419n);
  });

  it('rounds a line half-up: 15 of 30 days of 10.01 are 5.005, so 5.01', () => {
    expect(committedSpendCents([subscription('s-1', [change('2026-04-16T00:00:00Z', 'activated', 1, '10.01')])], period('monthly', '2026-04-16T00:00:00Z'))).toBe(501n);
  });

  it('rounds once per month and product, as billing does, not once over all', () => {
    const half = (id: string, productId: string) => subscription(id, [change('2026-04-16T00:00:00Z', 'activated', 1, '0.01')], productId);
    const april = period('monthly', '2026-04-20T00:00:00Z');
    // Each half cent on its own product line rounds up; two on one product's line are one cent.
    expect(committedSpendCents([half('s-1', 'p-1'), half('s-2', 'p-2')], april)).toBe(2n);
    expect(committedSpendCents([half('s-1', 'p-1'), half('s-2', 'p-1')], april)).toBe(1n);
  });

  it('takes annual prices a twelfth a month, and stops at a cancellation', () => {
    expect(committedSpendCents([subscription('s-1', [change('2026-01-01T00:00:00Z', 'activated', 1, '120.00', 'annual')])], period('monthly', '2026-03-05T00:00:00Z'))).toBe(1000n);
    // Cancelled from 11 March: 10 of 31 days of 105.00 = 33.870... -> 33.87.
    const cancelled = subscription('s-1', [change('2026-01-01T00:00:00Z', 'activated', 10), change('2026-03-11T08:00:00Z', 'cancelled', 10)]);
    expect(committedSpendCents([cancelled], period('monthly', '2026-03-05T00:00:00Z'))).toBe(3387n);
    expect(committedSpendCents([cancelled], period('monthly', '2026-04-05T00:00:00Z'))).toBe(0n);
  });

  it("equals billing's own report for the period, whatever the subscriptions", () => {
    const subscriptions = [
      tenSeats,
      subscription('s-2', [change('2026-02-11T15:00:00Z', 'activated', 3, '7.99'), change('2026-05-20T00:00:00Z', 'changed', 7, '7.99')], 'p-2'),
      subscription('s-3', [change('2026-03-31T23:00:00Z', 'activated', 2, '99.95', 'annual'), change('2026-08-02T00:00:00Z', 'cancelled', 2, '99.95', 'annual')], 'p-3'),
    ];
    for (const kind of ['monthly', 'quarterly', 'yearly'] as const) {
      for (const at of ['2026-02-15T00:00:00Z', '2026-05-01T00:00:00Z', '2026-08-31T00:00:00Z']) {
        const p = period(kind, at);
        expect(committedSpendCents(subscriptions, p)).toBe(billed(subscriptions, p));
      }
    }
  });
});

describe('subscriptions with a proposed change', () => {
  it('adds an order as a new subscription, and a change to its subscription', () => {
    const order = change('2026-03-16T10:00:00Z', 'activated', 2);
    const added = withProposal([tenSeats], { subscriptionId: 's-new', productId: 'p-9', productName: 'Backup', costCentre: 'sales', currency: 'EUR', change: order });
    expect(added).toEqual([tenSeats, { subscriptionId: 's-new', productId: 'p-9', productName: 'Backup', costCentre: 'sales', changes: [order], holders: [], currency: 'EUR' }]);
    const more = change('2026-03-16T10:00:00Z', 'changed', 12);
    const changed = withProposal([tenSeats], { subscriptionId: 's-1', productId: 'p-1', productName: 'p-1', costCentre: null, change: more });
    expect(changed[0]!.changes).toEqual([...tenSeats.changes, more]);
    expect(tenSeats.changes).toHaveLength(1);
  });
});
