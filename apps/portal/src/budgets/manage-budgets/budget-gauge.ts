import type { Budget } from './budget-form';

/** Where committed spend stands: below 80 % of the budget, from 80 %, from 100 % (reached or passed). */
export type GaugeLevel = 'within' | 'warning' | 'reached';

/** The thresholds at which the organization's billing admins are e-mailed; the gauge changes colour at the same. */
export const WARNING_PERCENT = 80;
export const REACHED_PERCENT = 100;

export function gaugeLevel(percentUsed: number): GaugeLevel {
  if (percentUsed >= REACHED_PERCENT) return 'reached';
  return percentUsed >= WARNING_PERCENT ? 'warning' : 'within';
}

/** The gauge's colour and its badge (white text on shade 9, dark text on yellow: above 4.5:1 either way). */
export const LEVEL_COLORS: Record<GaugeLevel, string> = { within: 'teal.9', warning: 'yellow.4', reached: 'red.9' };

/** The level in words, so the gauge does not speak by colour alone. */
export const LEVEL_LABELS: Record<GaugeLevel, string> = { within: 'Within budget', warning: '80 % reached', reached: 'Budget reached' };

/** `5000.00` -> `5,000.00`: the API's decimal string with its thousands grouped, its decimals kept as they are. */
export function groupThousands(amount: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(amount.trim());
  if (!match) return amount;
  const [, sign, whole = '', fraction = ''] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

/** `5,000.00 EUR`; the amount alone while the reseller has no currency. */
export function formatAmount(amount: string, currency: string | null): string {
  return currency ? `${groupThousands(amount)} ${currency}` : groupThousands(amount);
}

/** The gauge's visible label and spoken value: "84 % of 5,000.00 EUR committed for 2026-12". */
export function gaugeLabel(budget: Pick<Budget, 'percentUsed' | 'amount' | 'currentPeriod'>, currency: string | null): string {
  return `${budget.percentUsed} % of ${formatAmount(budget.amount, currency)} committed for ${budget.currentPeriod.key}`;
}

/**
 * The meter's value in percent of the budget. A meter's value stays within its range, so spend beyond the budget
 * fills it (100); its label and aria-valuetext say the real percentage.
 */
export function gaugeValue(percentUsed: number): { now: number; min: number; max: number } {
  return { now: Math.min(Math.max(percentUsed, 0), REACHED_PERCENT), min: 0, max: REACHED_PERCENT };
}

/** Which notices went out this period: "80 % and 100 % notices sent for 2026-12", or that none did. */
export function noticesText(noticesSent: readonly number[], periodKey: string): string {
  if (noticesSent.length === 0) return `No notice sent for ${periodKey}`;
  const thresholds = [...noticesSent].sort((a, b) => a - b).map((threshold) => `${threshold} %`);
  const list = thresholds.length === 1 ? thresholds[0] : `${thresholds.slice(0, -1).join(', ')} and ${thresholds[thresholds.length - 1]}`;
  return `${list} ${thresholds.length === 1 ? 'notice' : 'notices'} sent for ${periodKey}`;
}
