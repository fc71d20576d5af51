import { dateOfDay, formatMonth } from '@broker/contracts';
import { budgetPeriodAt, type BudgetPeriodKind } from './budget-period';

const described = (kind: BudgetPeriodKind, at: string) => {
  const p = budgetPeriodAt(kind, new Date(at));
  return { key: p.key, from: dateOfDay(p.from), to: dateOfDay(p.to), months: p.months.map(formatMonth) };
};

describe('budget periods', () => {
  it('are calendar months, February with its leap day', () => {
    expect(described('monthly', '2026-03-16T09:00:00Z')).toEqual({ key: '2026-03', from: '2026-03-01', to: '2026-03-31', months: ['2026-03'] });
    expect(described('monthly', '2028-02-10T00:00:00Z')).toEqual({ key: '2028-02', from: '2028-02-01', to: '2028-02-29', months: ['2028-02'] });
    expect(described('monthly', '2026-02-10T00:00:00Z').to).toBe('2026-02-28');
  });

  it('are calendar quarters', () => {
    expect(described('quarterly', '2026-01-01T00:00:00Z')).toEqual({ key: '2026-Q1', from: '2026-01-01', to: '2026-03-31', months: ['2026-01', '2026-02', '2026-03'] });
    expect(described('quarterly', '2026-05-15T12:00:00Z')).toEqual({ key: '2026-Q2', from: '2026-04-01', to: '2026-06-30', months: ['2026-04', '2026-05', '2026-06'] });
    expect(described('quarterly', '2026-09-30T23:59:59.999Z').key).toBe('2026-Q3');
    expect(described('quarterly', '2026-12-31T23:59:59.999Z')).toEqual({ key: '2026-Q4', from: '2026-10-01', to: '2026-12-31', months: ['2026-10', '2026-11', '2026-12'] });
  });

  it('are calendar years', () => {
    const year = described('yearly', '2026-07-04T00:00:00Z');
    expect({ ...year, months: year.months.length }).toEqual({ key: '2026', from: '2026-01-01', to: '2026-12-31', months: 12 });
  });

  it('are taken in UTC, whatever offset the moment is written with', () => {
    expect(described('monthly', '2026-03-31T23:59:59.999Z').key).toBe('2026-03');
    expect(described('monthly', '2026-04-01T00:00:00Z').key).toBe('2026-04');
    expect(described('quarterly', '2026-04-01T01:00:00+02:00').key).toBe('2026-Q1');
    expect(described('yearly', '2026-12-31T22:00:00-03:00').key).toBe('2027');
  });
});
