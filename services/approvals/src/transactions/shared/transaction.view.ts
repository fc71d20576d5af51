import type { TransactionReceipt, TransactionView } from '@broker/contracts';
import type { ExistingTransaction, TransactionOutcome, TransactionStatus } from '../domain/transaction.decider';
import type { TransactionFacts } from '../domain/transaction.events';

/** The transaction as the API shows it; optional fields are left out while they do not apply. */
export function toTransactionView(facts: TransactionFacts, status: TransactionStatus, outcome: TransactionOutcome | null): TransactionView {
  const view: TransactionView = {
    id: facts.transactionId,
    organizationId: facts.organizationId,
    type: facts.transactionType,
    status,
    productId: facts.productId,
    productName: facts.productName,
    subscriptionId: facts.subscriptionId,
    quantity: facts.quantity,
    previousQuantity: facts.previousQuantity,
    unitPrice: facts.unitPrice,
    annualValue: facts.annualValue,
    currency: facts.currency,
    billingFrequency: facts.billingFrequency,
    appliedPolicy: facts.appliedPolicy,
    requestedBy: facts.requestedBy,
    requestedAt: facts.requestedAt,
  };
  if (outcome) {
    view.decidedBy = outcome.by;
    view.decidedAt = outcome.at;
    if (outcome.comment) view.comment = outcome.comment;
    if (outcome.reason) view.reason = outcome.reason;
  }
  return view;
}

export function viewOfState(state: ExistingTransaction): TransactionView {
  return toTransactionView(state.facts, state.status, state.outcome);
}

/** The answer to a request, as it was given when the request was made (also when it is asked again later). */
export function toReceipt(state: ExistingTransaction): TransactionReceipt {
  const approvedOnRequest = state.status === 'approved' && state.outcome?.byPolicy !== null && state.outcome?.byPolicy !== undefined;
  return {
    transactionId: state.facts.transactionId,
    status: approvedOnRequest ? 'approved' : 'pending_approval',
    annualValue: state.facts.annualValue,
    currency: state.facts.currency,
    subscriptionId: state.facts.subscriptionId,
  };
}
