import { isCalendarDate, utcDateOf } from './calendar-date';

describe('calendar dates', () => {
  it('accepts real dates written YYYY-MM-DD', () => {
    for (const date of ['2026-03-16', '2024-02-29', '2026-12-31']) expect(isCalendarDate(date)).toBe(true);
  });

  it('refuses other forms and dates that do not exist', () => {
    for (const date of ['2026-02-29', '2026-13-01', '2026-04-31', '2026-3-16', '16.03.2026', '2026-03-16T00:00:00Z', '', 20260316, null]) {
      expect(isCalendarDate(date)).toBe(false);
    }
  });

  it('takes the UTC date of an instant', () => {
    expect(utcDateOf(new Date('2026-03-16T23:59:59.999Z'))).toBe('2026-03-16');
    expect(utcDateOf(new Date('2026-03-17T00:30:00+02:00'))).toBe('2026-03-16');
  });
});
