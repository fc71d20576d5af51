import { formatAmount, formatCents, dateOfDay, dayFromDate, formatMonth, monthsBetween, parseMonth, monthTotals, type SubscriptionChange } from '@broker/contracts';
import { recomputeFromHistory, type HistoryEvent } from './recompute-from-history';

const facts = (subscriptionId: string, productId: string, effectiveAt: string, quantity: number, unitPrice = '10.50', unitCost = '8.00', billingFrequency = 'monthly') => ({
  subscriptionId, productId, organizationId: 'o-1', resellerId: 'r-1', productName: productId, effectiveAt, quantity, unitPrice, unitCost, billingFrequency, currency: 'EUR', transactionId: 't',
});
const registered = (billingStartDate: string, createdAt = '2020-01-01T00:00:00Z'): HistoryEvent => ({ type: 'OrganizationRegistered', data: { organizationId: 'o-1', resellerId: 'r-1', name: 'Org', billingStartDate, createdAt } });

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('recomputing totals from the history', () => {
  it('reproduces the worked example month by month', () => {
    const events: HistoryEvent[] = [
      registered('2026-01-01'),
      { type: 'SubscriptionActivated', data: facts('s-1', 'p-1', '2026-03-16T09:30:00Z', 10) },
      { type: 'SubscriptionQuantityChanged', data: facts('s-1', 'p-1', '2026-04-11T14:00:00Z', 12) },
      { type: 'SubscriptionCancelled', data: facts('s-1', 'p-1', '2026-05-21T08:00:00Z', 12) },
    ];
    const months = recomputeFromHistory(events, '2026-07-02');
    expect([...months].map(([month, t]) => `${month} ${formatCents(t.revenueCents)} ${formatCents(t.costCents)}`)).toEqual([
      // cost at 8.00: 10 x 8 x 16/31 = 41.29; (100 + 240) x 8 / 30 = 90.67; 240 x 8 / 31 = 61.94
      '2026-03 54.19 41.29', '2026-04 119.00 90.67', '2026-05 81.29 61.94',
    ]);
  });

  it('counts nothing before the latest billing start date', () => {
    const events: HistoryEvent[] = [
      registered('2026-01-01'),
      { type: 'SubscriptionActivated', data: facts('s-1', 'p-1', '2026-03-16T09:30:00Z', 10) },
      { type: 'BillingStartDateSet', data: { organizationId: 'o-1', resellerId: 'r-1', billingStartDate: '2026-03-20', changedAt: '2026-03-25T00:00:00Z' } },
    ];
    expect(formatCents(recomputeFromHistory(events, '2026-03-25').get('2026-03')!.revenueCents)).toBe('40.65');
  });

  it('agrees with the accrual rules on 40 random histories (two independent readings of the same rules)', () => {
    const next = random(20260316);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    for (let run = 0; run < 40; run++) {
      const start = dayFromDate('2027-11-01') + Math.floor(next() * 120);
      const today = start + 30 + Math.floor(next() * 200);
      const events: HistoryEvent[] = [registered(dateOfDay(start + Math.floor(next() * 60) - 20))];
      const subscriptions: { subscriptionId: string; productId: string; productName: string; changes: SubscriptionChange[]; holders: [] }[] = [];
      for (let s = 0; s < 3; s++) {
        const productId = pick(['p-1', 'p-2']);
        const frequency = productId === 'p-1' ? 'monthly' : 'annual';
        const [price, cost] = productId === 'p-1' ? ['10.50', '7.99'] : ['119.99', '80.01'];
        const changes: SubscriptionChange[] = [];
        let day = start + Math.floor(next() * 40);
        let quantity = 1 + Math.floor(next() * 20);
        const record = (kind: SubscriptionChange['kind']) => {
          const at = `${dateOfDay(day)}T${String(Math.floor(next() * 24)).padStart(2, '0')}:00:00.000Z`;
          changes.push({ at, kind, quantity, unitPrice: price, unitCost: cost, billingFrequency: frequency });
          const type = kind === 'activated' ? 'SubscriptionActivated' : kind === 'cancelled' ? 'SubscriptionCancelled' : 'SubscriptionQuantityChanged';
          events.push({ type, data: facts(`s-${s}`, productId, at, quantity, price, cost, frequency) });
        };
        record('activated');
        for (let c = 0; c < 4; c++) {
          day += Math.floor(next() * 45);
          if (day > today) break;
          if (next() < 0.15) {
            record('cancelled');
            break;
          }
          quantity = 1 + Math.floor(next() * 20);
          record('changed');
        }
        subscriptions.push({ subscriptionId: `s-${s}`, productId, productName: productId, changes, holders: [] });
      }
      const billingStartDate = String((events[0]!.data as { billingStartDate: string }).billingStartDate);
      const history = recomputeFromHistory(events, dateOfDay(today));
      const months = monthsBetween(parseMonth('2027-10'), parseMonth(formatMonth({ year: new Date(today * 86_400_000).getUTCFullYear(), month: new Date(today * 86_400_000).getUTCMonth() + 1 })));
      for (const month of months) {
        const rules = monthTotals({ billingStartDate, subscriptions }, month, today);
        const recomputed = history.get(formatMonth(month)) ?? { revenueCents: 0n, costCents: 0n };
        expect([run, formatMonth(month), recomputed.revenueCents, recomputed.costCents]).toEqual([run, formatMonth(month), rules.revenueCents, rules.costCents]);
      }
    }
  });
});

describe('recomputing totals from the history in currencies without two decimals', () => {
  const inCurrency = (currency: string, effectiveAt: string, quantity: number, unitPrice: string, unitCost: string) => ({ ...facts('s-1', 'p-1', effectiveAt, quantity, unitPrice, unitCost), currency });
  const lines = (events: HistoryEvent[], currency: string, today: string) =>
    [...recomputeFromHistory(events, today)].map(([month, t]) => `${month} ${formatAmount(t.revenueCents, currency)} ${formatAmount(t.costCents, currency)}`);

  it('JPY: March 10 x 1260 x 16/31 = 6503 (cost 5161), April 12600 (cost 10000); a price recorded as 1260.00 is the same', () => {
    for (const [price, cost] of [['1260', '1000'], ['1260.00', '1000.00']]) {
      expect(lines([registered('2026-01-01'), { type: 'SubscriptionActivated', data: inCurrency('JPY', '2026-03-16T09:30:00Z', 10, price!, cost!) }], 'JPY', '2026-04-20')).toEqual([
        '2026-03 6503 5161', '2026-04 12600 10000',
      ]);
    }
  });

  it('KWD: March 10 x 1.250 x 16/31 = 6.452 (cost 5.032), April 12.500 (cost 9.750), to the fils', () => {
    expect(lines([registered('2026-01-01'), { type: 'SubscriptionActivated', data: inCurrency('KWD', '2026-03-16T09:30:00Z', 10, '1.250', '0.975') }], 'KWD', '2026-04-20')).toEqual([
      '2026-03 6.452 5.032', '2026-04 12.500 9.750',
    ]);
  });
});
