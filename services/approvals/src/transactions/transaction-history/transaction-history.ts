import type { ApprovalStepV1, TransactionHistoryEntry } from '@broker/contracts';
import type { ProgressStep } from '../../approval-chains/domain/chain-progress';
import { DECIDED_BY_SYSTEM } from '../../approval-chains/domain/chain-progress';
import { type TransactionFacts, type TransactionStreamEvent } from '../domain/transaction.events';

/**
 * One event of a transaction stream as an audit entry: what happened, when, by whom, at what value, under which
 * policy. A chain's start and end are not entries of their own (its first step reached and the approval say it);
 * `steps` are the chain's steps, as its start recorded them.
 */
export function historyEntry(event: TransactionStreamEvent, facts: TransactionFacts, steps: readonly ProgressStep[]): TransactionHistoryEntry | null {
  const { annualValue, appliedPolicy, policy } = facts;
  const common = { annualValue, appliedPolicy, policy: { approvalRequired: policy.approvalRequired, dynamicApproval: { ...policy.dynamicApproval } } };
  switch (event.type) {
    case 'TransactionRequested':
      return {
        type: 'requested',
        at: event.data.requestedAt,
        actorId: event.data.requestedBy,
        ...common,
        ...(event.data.costCentre ? { costCentre: event.data.costCentre } : {}),
        ...(event.data.overBudget?.length
          ? { overBudget: event.data.overBudget.map(({ costCentre, period, periodKey, budget, committedSpend }) => ({ costCentre, period, periodKey, budget, committedSpend })) }
          : {}),
      };
    case 'TransactionApproved':
      return { type: 'approved', at: event.data.decidedAt, actorId: event.data.decidedBy, ...common, ...(event.data.comment ? { comment: event.data.comment } : {}) };
    case 'TransactionRejected':
      return { type: 'rejected', at: event.data.decidedAt, actorId: event.data.decidedBy, ...common, reason: event.data.reason };
    case 'TransactionWithdrawn':
      return { type: 'withdrawn', at: event.data.withdrawnAt, actorId: event.data.withdrawnBy, ...common };
    case 'ApprovalStepReached':
      return { type: 'step_reached', at: event.data.reachedAt, actorId: DECIDED_BY_SYSTEM, ...common, step: stepOf(event.data.stepIndex, steps) };
    case 'ApprovalStepApproved': {
      const { decidedAt, decidedBy, onBehalfOf, comment, stepIndex } = event.data;
      return { type: 'step_approved', at: decidedAt, actorId: decidedBy, ...common, step: stepOf(stepIndex, steps), ...(onBehalfOf ? { onBehalfOf } : {}), ...(comment ? { comment } : {}) };
    }
    case 'ApprovalStepRejected': {
      const { decidedAt, decidedBy, onBehalfOf, reason, stepIndex } = event.data;
      return { type: 'step_rejected', at: decidedAt, actorId: decidedBy, ...common, step: stepOf(stepIndex, steps), ...(onBehalfOf ? { onBehalfOf } : {}), reason };
    }
    case 'ApprovalReminderSent':
      return { type: 'step_reminded', at: event.data.sentAt, actorId: DECIDED_BY_SYSTEM, ...common, step: stepOf(event.data.stepIndex, steps) };
    case 'ApprovalStepEscalated':
      return { type: 'step_escalated', at: event.data.escalatedAt, actorId: DECIDED_BY_SYSTEM, ...common, step: stepOf(event.data.stepIndex, steps) };
    default:
      return null;
  }
}

function stepOf(index: number, steps: readonly ProgressStep[]): ApprovalStepV1 {
  const step = steps[index];
  if (step?.kind === 'internal') return { index, kind: 'organization', approverIds: [...step.approverIds] };
  return { index, kind: 'reseller' };
}
