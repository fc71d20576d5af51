/**
 * UTC calendar arithmetic on whole days. A `Day` is the number of days since 1970-01-01 (UTC), so day ranges are
 * plain integer ranges and nothing depends on the server's time zone.
 */
export type Day = number;

export interface YearMonth {
  year: number;
  /** 1..12 */
  month: number;
}

const MS_PER_DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

export class InvalidCalendarValueError extends Error {
  readonly code = 'BILLING.INVALID_CALENDAR_VALUE';
  constructor(what: string, value: string) {
    super(`Not a valid ${what}: ${value}`);
    this.name = 'InvalidCalendarValueError';
  }
}

/** `YYYY-MM-DD` -> Day. */
export function dayFromDate(date: string): Day {
  const match = DATE.exec(date);
  if (!match) throw new InvalidCalendarValueError('date (YYYY-MM-DD)', date);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new InvalidCalendarValueError('date (YYYY-MM-DD)', date);
  }
  return ms / MS_PER_DAY;
}

/** The UTC day an ISO 8601 instant falls on. */
export function dayOfInstant(instant: string): Day {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new InvalidCalendarValueError('instant', instant);
  return Math.floor(ms / MS_PER_DAY);
}

/** Milliseconds of an ISO 8601 instant, for ordering instants written in different forms. */
export function instantMillis(instant: string): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new InvalidCalendarValueError('instant', instant);
  return ms;
}

/** Day -> `YYYY-MM-DD`. */
export function dateOfDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function parseMonth(text: string): YearMonth {
  const match = MONTH.exec(text);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) throw new InvalidCalendarValueError('month (YYYY-MM)', text);
  return { year: Number(match[1]), month };
}

export function formatMonth(ym: YearMonth): string {
  return `${String(ym.year).padStart(4, '0')}-${String(ym.month).padStart(2, '0')}`;
}

export function monthOfDay(day: Day): YearMonth {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

export function firstDayOfMonth(ym: YearMonth): Day {
  return Date.UTC(ym.year, ym.month - 1, 1) / MS_PER_DAY;
}

/** 28..31; February has 29 days in leap years (divisible by 4, except centuries not divisible by 400). */
export function daysInMonth(ym: YearMonth): number {
  return new Date(Date.UTC(ym.year, ym.month, 0)).getUTCDate();
}

/** The month's last day (inclusive). */
export function lastDayOfMonth(ym: YearMonth): Day {
  return firstDayOfMonth(ym) + daysInMonth(ym) - 1;
}

export function addMonths(ym: YearMonth, count: number): YearMonth {
  const index = ym.year * 12 + (ym.month - 1) + count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function compareMonths(a: YearMonth, b: YearMonth): number {
  return a.year * 12 + a.month - (b.year * 12 + b.month);
}

/** Every month from `first` to `last`, both included (empty when `first` is later). */
export function monthsBetween(first: YearMonth, last: YearMonth): YearMonth[] {
  const months: YearMonth[] = [];
  for (let m = first; compareMonths(m, last) <= 0; m = addMonths(m, 1)) months.push(m);
  return months;
}
