import { formatCents } from '@broker/contracts';
import { dayFromDate, parseMonth } from './calendar';
import { allocateCents, roundHalfUp } from './accrual';
import { buildReport, monthTotals, type BillableOrganization } from './report-lines';
import type { AccrualSubscription, SubscriptionChange } from './subscription-timeline';

const PRODUCT = { productId: 'p-e3', productName: 'Microsoft 365 E3' };
const monthly = (at: string, kind: SubscriptionChange['kind'], quantity: number, unitPrice = '10.50', unitCost = '8.00'): SubscriptionChange => ({
  at, kind, quantity, unitPrice, unitCost, billingFrequency: 'monthly',
});
const subscription = (changes: SubscriptionChange[], fields: Partial<AccrualSubscription> = {}): AccrualSubscription => ({
  subscriptionId: 's-1', ...PRODUCT, changes, holders: [], ...fields,
});
const org = (subscriptions: AccrualSubscription[], billingStartDate: string | null = '2000-01-01'): BillableOrganization => ({ billingStartDate, subscriptions });

/** Lines as `month amount` (grouped by service) or `month user amount`, amounts as two-place decimals. */
function report(organization: BillableOrganization, from: string, to: string, today: string, groupBy: 'service' | 'user' = 'service') {
  const draft = buildReport(organization, { from: parseMonth(from), to: parseMonth(to), today: dayFromDate(today) }, groupBy);
  return {
    lines: draft.lines.map((l) => [l.month, ...(groupBy === 'user' ? [l.userId ?? 'unassigned'] : []), l.quantity, formatCents(l.cents)].join(' ')),
    total: formatCents(draft.totalCents),
    draft,
  };
}

describe('accrual rules', () => {
  describe('the worked example (monthly product at 10.50)', () => {
    const ordered = monthly('2026-03-16T09:30:00Z', 'activated', 10);
    const raised = monthly('2026-04-11T14:00:00Z', 'changed', 12);
    const cancelled = monthly('2026-05-21T08:00:00Z', 'cancelled', 12);

    it('charges 10 seats from 2026-03-16: March 54.19 (10 x 10.50 x 16/31), April in full 105.00', () => {
      expect(report(org([subscription([ordered])]), '2026-03', '2026-04', '2026-04-20').lines).toEqual(['2026-03 10 54.19', '2026-04 10 105.00']);
    });

    it('raised to 12 seats on 2026-04-11: April 119.00 (10 seats for 10 days + 12 seats for 20 days)', () => {
      expect(report(org([subscription([ordered, raised])]), '2026-03', '2026-04', '2026-04-20').lines).toEqual(['2026-03 10 54.19', '2026-04 12 119.00']);
    });

    it('cancelled on 2026-05-21: May 81.29 (12 seats for 20 days), nothing after', () => {
      const result = report(org([subscription([ordered, raised, cancelled])]), '2026-03', '2026-07', '2026-07-02');
      expect(result.lines).toEqual(['2026-03 10 54.19', '2026-04 12 119.00', '2026-05 12 81.29']);
      expect(result.total).toBe('254.48');
    });

    it('gives the same numbers whatever order the changes were recorded in', () => {
      expect(report(org([subscription([cancelled, ordered, raised])]), '2026-03', '2026-07', '2026-07-02').lines).toEqual([
        '2026-03 10 54.19', '2026-04 12 119.00', '2026-05 12 81.29',
      ]);
    });
  });

  it('charges a full month as quantity x unit price', () => {
    expect(report(org([subscription([monthly('2026-01-01T00:00:00Z', 'activated', 7, '19.99')])]), '2026-02', '2026-02', '2026-03-01').lines).toEqual(['2026-02 7 139.93']);
  });

  it('charges one day for a start on the last day of a month (10 x 10.50 / 31 = 3.39), then full months', () => {
    expect(report(org([subscription([monthly('2026-01-31T23:59:59Z', 'activated', 10)])]), '2026-01', '2026-02', '2026-02-10').lines).toEqual([
      '2026-01 10 3.39', '2026-02 10 105.00',
    ]);
  });

  it('divides February of a leap year (2028) by 29 days', () => {
    // 3 x 10.50 x 15/29 = 16.2931..; the full month is 31.50; 2027 February has 28 days: 3 x 10.50 x 14/28 = 15.75
    expect(report(org([subscription([monthly('2028-02-15T10:00:00Z', 'activated', 3)])]), '2028-02', '2028-03', '2028-03-01').lines).toEqual([
      '2028-02 3 16.29', '2028-03 3 31.50',
    ]);
    expect(report(org([subscription([monthly('2027-02-15T10:00:00Z', 'activated', 3)])]), '2027-02', '2027-02', '2027-02-20').lines).toEqual(['2027-02 3 15.75']);
  });

  it('runs across a year boundary', () => {
    // December: 4 x 10.50 x 12/31 = 16.258..; January in full 42.00
    expect(report(org([subscription([monthly('2026-12-20T12:00:00Z', 'activated', 4)])]), '2026-11', '2027-01', '2027-01-15').lines).toEqual([
      '2026-12 4 16.26', '2027-01 4 42.00',
    ]);
  });

  it('charges an annual product per day as unit price / 12 / days in the month', () => {
    const annual = (at: string, kind: SubscriptionChange['kind'], quantity: number): SubscriptionChange => ({
      at, kind, quantity, unitPrice: '120.00', unitCost: '90.00', billingFrequency: 'annual',
    });
    // March: 2 x 120.00 / 12 x 16/31 = 10.3225..; April: 2 x 10.00 = 20.00
    const organization = org([subscription([annual('2026-03-16T09:00:00Z', 'activated', 2)])]);
    expect(report(organization, '2026-03', '2026-04', '2026-04-01').lines).toEqual(['2026-03 2 10.32', '2026-04 2 20.00']);
    // cost at 90.00 a year: March 2 x 7.50 x 16/31 = 7.7419.., April 15.00
    expect(monthTotals(organization, parseMonth('2026-03'), dayFromDate('2026-04-01'))).toEqual({ revenueCents: 1032n, costCents: 774n });
    expect(monthTotals(organization, parseMonth('2026-04'), dayFromDate('2026-04-01'))).toEqual({ revenueCents: 2000n, costCents: 1500n });
  });

  it('applies a quantity change and a cancellation in the same month', () => {
    // June (30 days): 10 seats for 10 days + 15 seats for 10 days, cancelled on the 21st: 250 seat-days x 10.50 / 30
    const changes = [monthly('2026-06-01T08:00:00Z', 'activated', 10), monthly('2026-06-11T08:00:00Z', 'changed', 15), monthly('2026-06-21T08:00:00Z', 'cancelled', 15)];
    expect(report(org([subscription(changes)]), '2026-06', '2026-07', '2026-07-15').lines).toEqual(['2026-06 15 87.50']);
  });

  it('lets the last change of a day win the whole day; a cancellation on the day of activation charges nothing', () => {
    const sameDay = [monthly('2026-04-10T08:00:00Z', 'activated', 3), monthly('2026-04-10T09:00:00Z', 'changed', 5)];
    // 5 x 10.50 x 21/30 = 36.75
    expect(report(org([subscription(sameDay)]), '2026-04', '2026-04', '2026-04-10').lines).toEqual(['2026-04 5 36.75']);
    const cancelledAtOnce = [monthly('2026-04-10T08:00:00Z', 'activated', 3), monthly('2026-04-10T08:05:00Z', 'cancelled', 3)];
    expect(report(org([subscription(cancelledAtOnce)]), '2026-04', '2026-04', '2026-04-10')).toMatchObject({ lines: [], total: '0.00' });
  });

  it('orders changes at the same instant by their sequence, not the order they were recorded in', () => {
    const at = '2026-04-10T09:00:00Z';
    const recordedLate = [
      monthly('2026-04-01T08:00:00Z', 'activated', 3),
      { ...monthly(at, 'changed', 7), sequence: 2 },
      { ...monthly(at, 'changed', 5), sequence: 1 },
    ];
    // 3 seats for 9 days, then 7 (the later approval) for 21: (27 + 147) x 10.50 / 30 = 60.90
    expect(report(org([subscription(recordedLate)]), '2026-04', '2026-04', '2026-04-10').lines).toEqual(['2026-04 7 60.90']);
  });

  it('takes a new unit price from the change that brings it', () => {
    // April: 10 x 10.50 x 10/30 + 10 x 12.00 x 20/30 = 35.00 + 80.00
    const changes = [monthly('2026-03-01T08:00:00Z', 'activated', 10), monthly('2026-04-11T08:00:00Z', 'changed', 10, '12.00')];
    expect(report(org([subscription(changes)]), '2026-04', '2026-04', '2026-04-30').lines).toEqual(['2026-04 10 115.00']);
  });

  it('adds the subscriptions of one product into one line per month, rounded once', () => {
    // 7 subscriptions of 1 seat for 1 day of March: 7 x 10.50 / 31 = 2.3709.. -> 2.37 (rounded one by one: 7 x 0.34 = 2.38)
    const seven = Array.from({ length: 7 }, (_, i) => subscription([monthly('2026-03-31T08:00:00Z', 'activated', 1)], { subscriptionId: `s-${i}` }));
    expect(report(org(seven), '2026-03', '2026-03', '2026-03-31').lines).toEqual(['2026-03 7 2.37']);
  });

  describe('grouped by user', () => {
    it('splits a line per assigned seat plus the unassigned seats, adding up to the service line', () => {
      // 10 seats from 2026-03-16, 4 of them assigned: the service line is 54.19; per seat 5.4193..
      const holders = [{ at: '2026-03-16T10:00:00Z', revision: 1, userIds: ['u-a', 'u-b', 'u-c', 'u-d'] }];
      const organization = org([subscription([monthly('2026-03-16T09:30:00Z', 'activated', 10)], { holders })]);
      const byUser = report(organization, '2026-03', '2026-03', '2026-03-20', 'user');
      expect(byUser.lines).toEqual(['2026-03 u-a 1 5.42', '2026-03 u-b 1 5.42', '2026-03 u-c 1 5.42', '2026-03 u-d 1 5.42', '2026-03 unassigned 6 32.51']);
      expect(byUser.total).toBe('54.19');
      expect(report(organization, '2026-03', '2026-03', '2026-03-20').total).toBe('54.19');
    });

    it('follows assignments, moves and quantity changes day by day', () => {
      // April (30 days) at 10.50, 2 seats, per seat-day 0.35: anna days 1-30; bert days 1-10, then carl from the 11th;
      // raised to 3 seats on the 21st: 10 unassigned seat-days
      const changes = [monthly('2026-03-01T08:00:00Z', 'activated', 2), monthly('2026-04-21T08:00:00Z', 'changed', 3)];
      const holders = [
        { at: '2026-03-01T09:00:00Z', revision: 1, userIds: ['anna', 'bert'] },
        { at: '2026-04-11T09:00:00Z', revision: 2, userIds: ['anna', 'carl'] },
      ];
      const organization = org([subscription(changes, { holders })]);
      const byUser = report(organization, '2026-04', '2026-04', '2026-04-25', 'user');
      expect(byUser.lines).toEqual(['2026-04 anna 1 10.50', '2026-04 bert 1 3.50', '2026-04 carl 1 7.00', '2026-04 unassigned 1 3.50']);
      expect(byUser.total).toBe(report(organization, '2026-04', '2026-04', '2026-04-25').total);
      expect(byUser.total).toBe('24.50');
    });

    it('gives the same total as the service grouping even when every share rounds up', () => {
      // 7 seats for 1 day of March, 6 of them assigned: the line is 2.37 (7 x 0.3387..); seven shares rounded one by one
      // would make 2.38, so the cents go by largest remainder (a tie: the earlier share) and one share gets 0.33
      const users = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
      const organization = org([subscription([monthly('2026-03-31T08:00:00Z', 'activated', 7)], { holders: [{ at: '2026-03-31T08:00:00Z', revision: 1, userIds: users }] })]);
      const byUser = report(organization, '2026-03', '2026-03', '2026-03-31', 'user');
      expect(byUser.total).toBe('2.37');
      expect(byUser.draft.lines.map((l) => formatCents(l.cents))).toEqual(['0.34', '0.34', '0.34', '0.34', '0.34', '0.34', '0.33']);
    });

    it('never gives more holders than seats a share (the earliest assigned keep theirs)', () => {
      const holders = [{ at: '2026-04-01T09:00:00Z', revision: 1, userIds: ['anna', 'bert', 'carl'] }];
      const organization = org([subscription([monthly('2026-04-01T08:00:00Z', 'activated', 2)], { holders })]);
      expect(report(organization, '2026-04', '2026-04', '2026-04-02', 'user').lines).toEqual(['2026-04 anna 1 10.50', '2026-04 bert 1 10.50']);
    });
  });

  describe('billing start date', () => {
    const organization = (start: string) => org([subscription([monthly('2026-03-16T09:30:00Z', 'activated', 10)])], start);

    it('counts the month holding it only from that date, and answers an earlier from-month from that date', () => {
      // 10 x 10.50 x 12/31 = 40.645..
      const result = report(organization('2026-03-20'), '2026-01', '2026-04', '2026-04-02');
      expect(result.lines).toEqual(['2026-03 10 40.65', '2026-04 10 105.00']);
      expect(result.draft.effectiveFrom).toBe(dayFromDate('2026-03-20'));
      expect(monthTotals(organization('2026-03-20'), parseMonth('2026-03'), dayFromDate('2026-04-02')).revenueCents).toBe(4065n);
    });

    it('shows nothing before it, also grouped by user', () => {
      expect(report(organization('2026-05-01'), '2026-03', '2026-04', '2026-05-02', 'user')).toMatchObject({ lines: [], total: '0.00' });
    });
  });

  it('bills the current month in advance to its end and leaves later months out', () => {
    const result = report(org([subscription([monthly('2026-03-16T09:30:00Z', 'activated', 10)])]), '2026-03', '2026-06', '2026-04-05');
    expect(result.lines).toEqual(['2026-03 10 54.19', '2026-04 10 105.00']);
    expect(result.draft.effectiveTo).toBe(dayFromDate('2026-04-30'));
  });

  it('rounds half-up once and splits cents by largest remainder', () => {
    expect([roundHalfUp(5n, 2n), roundHalfUp(7n, 4n), roundHalfUp(5n, 4n), roundHalfUp(0n, 31n)]).toEqual([3n, 2n, 1n, 0n]);
    // 1.5 + 1.5 = 3: the rounded total 3 splits 2 + 1 (the tie goes to the earlier share)
    expect(allocateCents([3n, 3n], 2n)).toEqual([2n, 1n]);
    expect(allocateCents([], 5n)).toEqual([]);
  });
});
