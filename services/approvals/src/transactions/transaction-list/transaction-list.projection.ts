import { amountIn, type TransactionView } from '@broker/contracts';
import type { Projection } from '@broker/read-models';
import { transactionDecider, type ExistingTransaction } from '../domain/transaction.decider';
import { asTransactionEvent, TRANSACTION_EVENT_TYPES, type TransactionStreamEvent } from '../domain/transaction.events';
import { toTransactionView } from '../shared/transaction.view';

/** Whose decision a pending transaction waits for: one of the organization's approval steps, or the reseller's. */
export type Awaiting = 'organization' | 'reseller';

/** One entry per transaction: the organization's transaction history and the pending approvals of each approver. */
export interface TransactionListEntry extends TransactionView {
  resellerId: string;
  /** The organization's name at the moment of the request (the current name comes from organization_names). */
  organizationName: string;
  /** Null once decided or withdrawn. */
  awaiting: Awaiting | null;
  /** Awaiting the organization: the approvers of the step reached and their delegates (any one of them decides it). */
  awaitingApproverIds: string[];
  /** Stream revision of the last event applied: an event already applied changes nothing. */
  revision: number;
}

/**
 * Every event of a transaction carries its facts, so an event alone gives the whole entry: the state after one
 * event folded from nothing is the state after that event. A step of an approval chain reached changes whose decision
 * the entry waits for.
 */
export const transactionListProjection: Projection<TransactionListEntry> = {
  name: 'transaction_list',
  version: 2,
  handles: [...TRANSACTION_EVENT_TYPES, 'ApprovalStepReached'],
  indexes: { resellerId: 'string', organizationId: 'string', status: 'string', requestedAt: 'string', awaiting: 'string' },
  documentId: (event) => String(event.data.transactionId),
  evolve(document, recorded) {
    const revision = Number(recorded.revision);
    if (document && document.revision >= revision) return document;
    const event: TransactionStreamEvent = asTransactionEvent(recorded);
    if (event.type === 'ApprovalStepReached') {
      if (!document || document.status !== 'pending_approval') return document;
      // The delegates of approvers out of office may decide too: the step waits for them as well.
      const deciders = [...new Set([...(event.data.approverIds ?? []), ...(event.data.delegates ?? []).map((d) => d.delegateId)])];
      return { ...document, awaiting: event.data.kind === 'internal' ? 'organization' : 'reseller', awaitingApproverIds: deciders, revision };
    }
    const state = transactionDecider.evolve(transactionDecider.initialState(), event) as ExistingTransaction;
    const { facts, status, outcome } = state;
    const pending = status === 'pending_approval';
    // A request with a chain is followed, in the same append, by its first step reached.
    const awaiting: Awaiting | null = pending ? (document?.awaiting ?? 'reseller') : null;
    return {
      ...toTransactionView(facts, status, outcome),
      resellerId: facts.resellerId,
      organizationName: facts.organizationName,
      awaiting,
      awaitingApproverIds: pending ? (document?.awaitingApproverIds ?? []) : [],
      revision,
    };
  },
};

/** The entry as the API lists it (without the bookkeeping fields; amounts of entries built before with the currency's decimals). */
export function toListedTransaction(entry: TransactionListEntry): TransactionView {
  const { resellerId: _resellerId, organizationName: _organizationName, revision: _revision, awaiting: _awaiting, awaitingApproverIds: _approvers, ...view } = entry;
  return { ...view, unitPrice: amountIn(view.unitPrice, view.currency), annualValue: amountIn(view.annualValue, view.currency) };
}
