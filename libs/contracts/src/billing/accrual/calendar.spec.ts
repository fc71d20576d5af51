import { addMonths, dateOfDay, dayFromDate, dayOfInstant, daysInMonth, formatMonth, monthOfDay, monthsBetween, parseMonth } from './calendar';

describe('UTC calendar', () => {
  it('knows the length of every month, with leap years by the Gregorian rule', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((month) => daysInMonth({ year: 2026, month }))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect([2028, 2100, 2000, 2027].map((year) => daysInMonth({ year, month: 2 }))).toEqual([29, 28, 29, 28]);
  });

  it('takes the UTC day of an instant, whatever offset it is written with', () => {
    expect(dateOfDay(dayOfInstant('2026-03-31T23:30:00-02:00'))).toBe('2026-04-01');
    expect(dateOfDay(dayOfInstant('2026-04-01T00:30:00+02:00'))).toBe('2026-03-31');
    expect(dayOfInstant('2026-03-16T00:00:00.000Z')).toBe(dayFromDate('2026-03-16'));
  });

  it('refuses dates and months that do not exist', () => {
    expect(() => dayFromDate('2026-02-29')).toThrow('Not a valid date');
    expect(() => parseMonth('2026-13')).toThrow('Not a valid month');
    expect(() => dayOfInstant('yesterday')).toThrow('Not a valid instant');
  });

  it('walks months across year boundaries', () => {
    expect(monthsBetween(parseMonth('2026-11'), parseMonth('2027-02')).map(formatMonth)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween(parseMonth('2027-02'), parseMonth('2026-11'))).toEqual([]);
    expect(formatMonth(addMonths({ year: 2026, month: 1 }, -1))).toBe('2025-12');
    expect(formatMonth(monthOfDay(dayFromDate('2028-02-29')))).toBe('2028-02');
  });
});
