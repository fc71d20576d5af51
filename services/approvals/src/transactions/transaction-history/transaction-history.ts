import type { TransactionHistoryEntry } from '@broker/contracts';
import { factsOf, type TransactionEvent } from '../domain/transaction.events';

/** One event of a transaction stream as an audit entry: what happened, when, by whom, at what value, under which policy. */
export function historyEntry(event: TransactionEvent): TransactionHistoryEntry {
  const { annualValue, appliedPolicy, policy } = factsOf(event);
  const common = { annualValue, appliedPolicy, policy: { approvalRequired: policy.approvalRequired, dynamicApproval: { ...policy.dynamicApproval } } };
  switch (event.type) {
    case 'TransactionRequested':
      return { type: 'requested', at: event.data.requestedAt, actorId: event.data.requestedBy, ...common };
    case 'TransactionApproved':
      return { type: 'approved', at: event.data.decidedAt, actorId: event.data.decidedBy, ...common, ...(event.data.comment ? { comment: event.data.comment } : {}) };
    case 'TransactionRejected':
      return { type: 'rejected', at: event.data.decidedAt, actorId: event.data.decidedBy, ...common, reason: event.data.reason };
    case 'TransactionWithdrawn':
      return { type: 'withdrawn', at: event.data.withdrawnAt, actorId: event.data.withdrawnBy, ...common };
  }
}
