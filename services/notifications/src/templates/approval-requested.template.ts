import type { TransactionFactsV1 } from '@broker/contracts';
import { describeTransaction, formatInstant, formatMoney, personLabel, quantityChange, transactionKind } from './formatting';
import { renderMail, type RenderedMail } from './mail-layout';

export interface ApprovalRequestedInput {
  organizationName: string;
  requester: { name: string; username: string };
  transaction: TransactionFactsV1;
  /** The approval in the portal. */
  reviewUrl: string;
  /** A step of the organization's approval chain (the reseller's last): which one, of how many. */
  step?: { index: number; count: number };
  /** A step overdue: a reminder to its approvers, or its escalation to those above them. */
  overdue?: { stage: 'reminder' | 'escalation'; since: string };
}

/**
 * A transaction waits for a decision: to the reseller's notification address, or to the approvers of a step of the
 * organization's approval chain.
 */
export function approvalRequestedMail(input: ApprovalRequestedInput): RenderedMail {
  const t = input.transaction;
  const what = describeTransaction(t);
  const subject = `Approval needed: ${what} for ${input.organizationName}`;
  const overdue = input.overdue;
  return renderMail({
    subject: overdue ? `${overdue.stage === 'reminder' ? 'Reminder' : 'Overdue'}: ${subject}` : subject,
    heading: overdue?.stage === 'escalation' ? 'A request waits too long for a decision' : overdue ? 'A transaction still needs your approval' : 'A transaction needs your approval',
    intro:
      overdue?.stage === 'escalation'
        ? `${personLabel(input.requester)} of ${input.organizationName} asked for the ${what}, and its approvers have not decided since ${formatInstant(overdue.since)}. See that it is decided in the portal.`
        : `${personLabel(input.requester)} of ${input.organizationName} asks for the ${what}. Approve or reject it in the portal.`,
    facts: [
      ['Organization', input.organizationName],
      ['Requested by', personLabel(input.requester)],
      ['Request', transactionKind(t)],
      ['Product', t.productName],
      ['Quantity', quantityChange(t)],
      ['Annual value', formatMoney(t.annualValue, t.currency)],
      ['Requested at', formatInstant(t.requestedAt)],
      ['Transaction', t.transactionId],
      ...(input.step ? ([['Approval step', `${input.step.index + 1} of ${input.step.count}`]] as [string, string][]) : []),
    ],
    action: { label: 'Review the request', url: input.reviewUrl },
  });
}
