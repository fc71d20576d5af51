import type { BudgetThresholdReachedV1 } from '@broker/contracts';
import { formatInstant, formatMoney } from '../templates/formatting';
import { renderMail, type RenderedMail } from '../templates/mail-layout';

export interface BudgetThresholdReachedInput {
  organizationName: string;
  budget: Pick<BudgetThresholdReachedV1, 'costCentre' | 'period' | 'periodKey' | 'threshold' | 'budget' | 'committedSpend' | 'currency' | 'reachedAt'>;
  /** The organization's budgets in the portal. */
  budgetsUrl: string;
}

const PERIOD: Record<BudgetThresholdReachedV1['period'], string> = { monthly: 'Monthly', quarterly: 'Quarterly', yearly: 'Yearly' };

/**
 * Committed spend of an organization, or of one of its cost centres, reached 80 % or 100 % of a budget: to its billing
 * admins (or its admins). Only what the event says: the budget, the spend, the period; nothing on what the budget
 * does to further orders, which the event does not carry.
 */
export function budgetThresholdReachedMail(input: BudgetThresholdReachedInput): RenderedMail {
  const b = input.budget;
  const whose = b.costCentre === null ? input.organizationName : `the cost centre ${b.costCentre} of ${input.organizationName}`;
  const reached = b.threshold === 100 ? 'the whole' : `${b.threshold} % of the`;
  return renderMail({
    subject: `Budget ${b.threshold} % reached: ${b.costCentre ?? input.organizationName} ${b.periodKey}`,
    heading: b.threshold === 100 ? 'A budget is used up' : `A budget is ${b.threshold} % used`,
    intro: `Committed spend of ${whose} has reached ${reached} ${PERIOD[b.period].toLowerCase()} budget for ${b.periodKey}: ${formatMoney(b.committedSpend, b.currency)} of ${formatMoney(b.budget, b.currency)}.`,
    facts: [
      ['Organization', input.organizationName],
      ...(b.costCentre === null ? [] : ([['Cost centre', b.costCentre]] as [string, string][])),
      ['Period', `${PERIOD[b.period]}, ${b.periodKey}`],
      ['Budget', formatMoney(b.budget, b.currency)],
      ['Committed spend', formatMoney(b.committedSpend, b.currency)],
      ['Threshold', `${b.threshold} %`],
      ['Reached at', formatInstant(b.reachedAt)],
    ],
    action: { label: 'See the budgets', url: input.budgetsUrl },
  });
}
