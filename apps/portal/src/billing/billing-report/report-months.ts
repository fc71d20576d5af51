/** Months as the billing report takes them: `YYYY-MM`, in UTC. */
export function currentMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

export function addMonths(month: string, count: number): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, monthNumber - 1 + count, 1));
  return date.toISOString().slice(0, 7);
}

/** How many months from `from` to `to`, both included (0 or less: `to` is before `from`). */
export function monthsBetween(from: string, to: string): number {
  const [fromYear, fromMonth] = from.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = to.split('-').map(Number) as [number, number];
  return (toYear - fromYear) * 12 + (toMonth - fromMonth) + 1;
}

/** A month picker's value (`YYYY-MM-DD`) as a month, and back. */
export const toMonth = (date: string | null): string | null => (date ? date.slice(0, 7) : null);
export const toPickerValue = (month: string | null): string | null => (month ? `${month}-01` : null);
