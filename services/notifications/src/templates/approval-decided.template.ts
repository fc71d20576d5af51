import type { TransactionFactsV1 } from '@broker/contracts';
import { describeTransaction, formatInstant, formatMoney, personLabel, quantityChange, transactionKind } from './formatting';
import { renderMail, type RenderedMail } from './mail-layout';

export type ApprovalDecisionInput = {
  organizationName: string;
  requester: { name: string; username: string } | null;
  /** Null when the approver is not (yet) known by name here. */
  decider: { name: string; username: string } | null;
  decidedAt: string;
  transaction: TransactionFactsV1;
  /** The transaction in the portal. */
  transactionUrl: string;
} & ({ decision: 'approved'; comment: string | null } | { decision: 'rejected'; reason: string });

/** To the requester and the organization's notification address: the reseller decided a pending transaction. */
export function approvalDecidedMail(input: ApprovalDecisionInput): RenderedMail {
  const t = input.transaction;
  const what = describeTransaction(t);
  const approved = input.decision === 'approved';
  const by = input.decider ? ` by ${personLabel(input.decider)}` : '';
  const facts: [string, string][] = [
    ['Decision', approved ? 'Approved' : 'Rejected'],
    ['Decided by', input.decider ? personLabel(input.decider) : 'An administrator of your provider'],
    ['Decided at', formatInstant(input.decidedAt)],
  ];
  if (input.decision === 'approved') facts.push(['Comment', input.comment?.trim() ? input.comment : '(none)']);
  else facts.push(['Reason', input.reason]);
  facts.push(
    ['Organization', input.organizationName],
    ['Request', transactionKind(t)],
    ['Product', t.productName],
    ['Quantity', quantityChange(t)],
    ['Annual value', formatMoney(t.annualValue, t.currency)],
    ['Requested by', input.requester ? personLabel(input.requester) : t.requestedBy],
    ['Requested at', formatInstant(t.requestedAt)],
    ['Transaction', t.transactionId],
  );
  return renderMail({
    subject: `${approved ? 'Approved' : 'Rejected'}: ${what} for ${input.organizationName}`,
    heading: approved ? 'Request approved' : 'Request rejected',
    intro: approved
      ? `The ${what} for ${input.organizationName} was approved${by}. It takes effect from the time of approval.`
      : `The ${what} for ${input.organizationName} was rejected${by}. Nothing changes.`,
    facts,
    action: { label: 'View the transaction', url: input.transactionUrl },
  });
}
