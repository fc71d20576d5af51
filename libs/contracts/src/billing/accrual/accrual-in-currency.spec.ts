import { formatAmount } from '@broker/contracts';
import { dayFromDate, parseMonth } from './calendar';
import { buildReport, monthTotals, type BillableOrganization } from './report-lines';
import type { AccrualSubscription, SubscriptionChange } from './subscription-timeline';

/**
 * The accrual rules in currencies without two decimals: every amount is exact in the currency's minor unit (yen,
 * fils) and each line is rounded half-up once, to that unit. The expected amounts are worked out by hand below.
 */
const change = (at: string, kind: SubscriptionChange['kind'], quantity: number, unitPrice: string, unitCost: string, billingFrequency: 'monthly' | 'annual' = 'monthly'): SubscriptionChange => ({
  at, kind, quantity, unitPrice, unitCost, billingFrequency,
});
const subscription = (currency: string, changes: SubscriptionChange[], fields: Partial<AccrualSubscription> = {}): AccrualSubscription => ({
  subscriptionId: 's-1', productId: 'p-1', productName: 'Cloud Backup', changes, holders: [], currency, ...fields,
});
const org = (...subscriptions: AccrualSubscription[]): BillableOrganization => ({ billingStartDate: '2000-01-01', subscriptions });

function report(organization: BillableOrganization, currency: string, from: string, to: string, today: string, groupBy: 'service' | 'user' = 'service') {
  const draft = buildReport(organization, { from: parseMonth(from), to: parseMonth(to), today: dayFromDate(today) }, groupBy);
  return {
    lines: draft.lines.map((l) => [l.month, ...(groupBy === 'user' ? [l.userId ?? 'unassigned'] : []), l.quantity, formatAmount(l.cents, currency)].join(' ')),
    total: formatAmount(draft.totalCents, currency),
  };
}
const totals = (organization: BillableOrganization, currency: string, month: string, today: string) => {
  const t = monthTotals(organization, parseMonth(month), dayFromDate(today));
  return { revenue: formatAmount(t.revenueCents, currency), cost: formatAmount(t.costCents, currency), margin: formatAmount(t.revenueCents - t.costCents, currency) };
};

describe('accrual in JPY (no decimals)', () => {
  const ordered = change('2026-03-16T09:30:00Z', 'activated', 10, '1260', '1000');
  const raised = change('2026-04-11T14:00:00Z', 'changed', 12, '1260', '1000');

  it('charges 10 seats at 1260 a month from 2026-03-16: March 10 x 1260 x 16/31 = 6503.23 -> 6503, rounded once for the line', () => {
    // Rounding each day (406.45 -> 406, 16 days) would give 6496: the line is rounded once.
    expect(report(org(subscription('JPY', [ordered])), 'JPY', '2026-03', '2026-04', '2026-04-20')).toEqual({ lines: ['2026-03 10 6503', '2026-04 10 12600'], total: '19103' });
  });

  it('raised to 12 seats on 2026-04-11: April (10 x 10 + 12 x 20 seat-days) x 1260 / 30 = 14280', () => {
    expect(report(org(subscription('JPY', [ordered, raised])), 'JPY', '2026-03', '2026-04', '2026-04-20')).toEqual({ lines: ['2026-03 10 6503', '2026-04 12 14280'], total: '20783' });
  });

  it('sums revenue and cost per month: March cost 10 x 1000 x 16/31 = 5161.29 -> 5161, margin 1342', () => {
    expect(totals(org(subscription('JPY', [ordered])), 'JPY', '2026-03', '2026-04-20')).toEqual({ revenue: '6503', cost: '5161', margin: '1342' });
    // April: cost 340 seat-days x 1000 / 30 = 11333.33 -> 11333.
    expect(totals(org(subscription('JPY', [ordered, raised])), 'JPY', '2026-04', '2026-04-20')).toEqual({ revenue: '14280', cost: '11333', margin: '2947' });
  });

  it('rounds half a yen up: one seat at 45 for the last day of April is 45/30 = 1.5 -> 2', () => {
    expect(report(org(subscription('JPY', [change('2026-04-30T08:00:00Z', 'activated', 1, '45', '30')])), 'JPY', '2026-04', '2026-04', '2026-04-30').lines).toEqual(['2026-04 1 2']);
  });

  it('reads prices recorded with two decimals before as the same yen', () => {
    const legacy = change('2026-03-16T09:30:00Z', 'activated', 10, '1260.00', '1000.00');
    expect(report(org(subscription('JPY', [legacy])), 'JPY', '2026-03', '2026-04', '2026-04-20').total).toBe('19103');
  });
});

describe('accrual in KWD (three decimals)', () => {
  const ordered = change('2026-03-16T09:30:00Z', 'activated', 10, '1.250', '0.975');

  it('charges 10 seats at 1.250 a month from 2026-03-16: March 10 x 1250 fils x 16/31 = 6451.61 fils -> 6.452', () => {
    expect(report(org(subscription('KWD', [ordered])), 'KWD', '2026-03', '2026-04', '2026-04-20')).toEqual({ lines: ['2026-03 10 6.452', '2026-04 10 12.500'], total: '18.952' });
  });

  it('sums revenue and cost per month: March cost 10 x 975 x 16/31 = 5032.26 fils -> 5.032, margin 1.420', () => {
    expect(totals(org(subscription('KWD', [ordered])), 'KWD', '2026-03', '2026-04-20')).toEqual({ revenue: '6.452', cost: '5.032', margin: '1.420' });
  });

  it('charges an annual product by twelfths: 3 seats at 30.000 a year from 2026-03-16 are 3 x 30000 x 16 / (12 x 31) = 3870.97 fils -> 3.871', () => {
    const annual = change('2026-03-16T09:30:00Z', 'activated', 3, '30.000', '20.000', 'annual');
    expect(report(org(subscription('KWD', [annual])), 'KWD', '2026-03', '2026-03', '2026-04-20').lines).toEqual(['2026-03 3 3.871']);
  });

  it('splits a line per user to the fils: 0.645 for one seat, 5.807 unassigned (the fils left goes to the larger remainder), 6.452 in all', () => {
    const held = subscription('KWD', [ordered], { holders: [{ at: '2026-03-16T10:00:00Z', revision: 1, userIds: ['u-1'] }] });
    expect(report(org(held), 'KWD', '2026-03', '2026-03', '2026-04-20', 'user')).toEqual({ lines: ['2026-03 u-1 1 0.645', '2026-03 unassigned 9 5.807'], total: '6.452' });
  });

  it('rounds half a fils up: one seat at 0.015 for the last day of April is 15/30 = 0.5 fils -> 0.001', () => {
    expect(report(org(subscription('KWD', [change('2026-04-30T08:00:00Z', 'activated', 1, '0.015', '0.010')])), 'KWD', '2026-04', '2026-04', '2026-04-30').lines).toEqual(['2026-04 1 0.001']);
  });

  it('reads prices recorded with two decimals before exactly: 1.25 is 1.250', () => {
    const legacy = change('2026-03-16T09:30:00Z', 'activated', 10, '1.25', '0.975');
    expect(report(org(subscription('KWD', [legacy])), 'KWD', '2026-03', '2026-04', '2026-04-20').total).toBe('18.952');
  });
});
