import { amountIn, type TransactionView } from '@broker/contracts';
import type { Projection } from '@broker/read-models';
import { transactionDecider, type ExistingTransaction } from '../domain/transaction.decider';
import { asTransactionEvent, TRANSACTION_EVENT_TYPES } from '../domain/transaction.events';
import { toTransactionView } from '../shared/transaction.view';

/** One entry per transaction: the organization's transaction history and the reseller's pending approvals. */
export interface TransactionListEntry extends TransactionView {
  resellerId: string;
  /** The organization's name at the moment of the request (the current name comes from organization_names). */
  organizationName: string;
  /** Stream revision of the last event applied: an event already applied changes nothing. */
  revision: number;
}

/**
 * Every event of a transaction carries its facts, so an event alone gives the whole entry: the state after one
 * event folded from nothing is the state after that event.
 */
export const transactionListProjection: Projection<TransactionListEntry> = {
  name: 'transaction_list',
  version: 1,
  handles: TRANSACTION_EVENT_TYPES,
  indexes: { resellerId: 'string', organizationId: 'string', status: 'string', requestedAt: 'string' },
  documentId: (event) => String(event.data.transactionId),
  evolve(document, recorded) {
    const revision = Number(recorded.revision);
    if (document && document.revision >= revision) return document;
    const state = transactionDecider.evolve(transactionDecider.initialState(), asTransactionEvent(recorded)) as ExistingTransaction;
    const { facts, status, outcome } = state;
    return { ...toTransactionView(facts, status, outcome), resellerId: facts.resellerId, organizationName: facts.organizationName, revision };
  },
};

/** The entry as the API lists it (without the bookkeeping fields; amounts of entries built before with the currency's decimals). */
export function toListedTransaction(entry: TransactionListEntry): TransactionView {
  const { resellerId: _resellerId, organizationName: _organizationName, revision: _revision, ...view } = entry;
  return { ...view, unitPrice: amountIn(view.unitPrice, view.currency), annualValue: amountIn(view.annualValue, view.currency) };
}
