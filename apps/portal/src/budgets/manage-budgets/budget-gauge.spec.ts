import { formatAmount, gaugeLabel, gaugeLevel, gaugeValue, groupThousands, noticesText } from './budget-gauge';

describe('the gauge of committed spend', () => {
  it('changes level at 80 % and at 100 %, the thresholds of the notices', () => {
    expect([0, 79, 80, 99, 100, 250].map(gaugeLevel)).toEqual(['within', 'within', 'warning', 'warning', 'reached', 'reached']);
  });

  it('labels the percentage of the amount, in the currency, for the current period', () => {
    const budget = { percentUsed: 84, amount: '5000.00', currentPeriod: { key: '2026-12', from: '2026-12-01', to: '2026-12-31' } };
    expect(gaugeLabel(budget, 'EUR')).toBe('84 % of 5,000.00 EUR committed for 2026-12');
    expect(gaugeLabel({ ...budget, percentUsed: 120 }, null)).toBe('120 % of 5,000.00 committed for 2026-12');
  });

  it('keeps the meter within its range of 0 to 100: spend beyond the budget fills it', () => {
    expect(gaugeValue(84)).toEqual({ now: 84, min: 0, max: 100 });
    expect(gaugeValue(250).now).toBe(100);
  });
});

describe('amounts', () => {
  it('group thousands and keep the decimals the API gives', () => {
    expect(['0.00', '999.99', '1000', '5000.00', '1234567.891', '-12345.5'].map(groupThousands)).toEqual(['0.00', '999.99', '1,000', '5,000.00', '1,234,567.891', '-12,345.5']);
    expect(groupThousands('n/a')).toBe('n/a');
    expect(formatAmount('4210.50', 'EUR')).toBe('4,210.50 EUR');
    expect(formatAmount('4210', null)).toBe('4,210');
  });
});

describe('the notices sent', () => {
  it('lists the thresholds in order, or says none went out', () => {
    expect(noticesText([], '2026-12')).toBe('No notice sent for 2026-12');
    expect(noticesText([80], '2026-Q4')).toBe('80 % notice sent for 2026-Q4');
    expect(noticesText([100, 80], '2026')).toBe('80 % and 100 % notices sent for 2026');
  });
});
