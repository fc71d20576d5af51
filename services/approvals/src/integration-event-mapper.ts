import { ApprovalsEvents, type ChainConditionV1, type ChainRuleV1, type EscalationSettingsV1, type TransactionFactsV1 } from '@broker/contracts';
import { envelopeFromEvent, type IntegrationEventMapper } from '@broker/messaging';
import type { ApprovalChainsEvent, ChainCondition, ChainRule } from './approval-chains/domain/approval-chains.events';
import type { EscalationSettings } from './approval-chains/domain/escalation-schedule';
import type { ApprovalPolicyEvent } from './approval-policy/domain/approval-policy.events';
import type { BudgetsEvent } from './budgets/domain/budgets.events';
import type { OutOfOfficeEvent } from './out-of-office/domain/out-of-office.events';
import type { TransactionFacts, TransactionStreamEvent } from './transactions/domain/transaction.events';

/** The published facts of a transaction: chosen field by field, so nothing internal leaks by accident. */
function factsV1(facts: TransactionFacts): TransactionFactsV1 {
  return {
    transactionId: facts.transactionId,
    resellerId: facts.resellerId,
    organizationId: facts.organizationId,
    transactionType: facts.transactionType,
    productId: facts.productId,
    productName: facts.productName,
    subscriptionId: facts.subscriptionId,
    quantity: facts.quantity,
    previousQuantity: facts.previousQuantity,
    unitPrice: facts.unitPrice,
    annualValue: facts.annualValue,
    currency: facts.currency,
    billingFrequency: facts.billingFrequency,
    requestedBy: facts.requestedBy,
    requestedAt: facts.requestedAt,
    appliedPolicy: facts.appliedPolicy,
  };
}

/** The one place where internal events of approvals become integration events (or stay internal). */
export const approvalsEventMapper: IntegrationEventMapper = (recorded) => {
  const event = { type: recorded.type, data: recorded.data } as ApprovalPolicyEvent | TransactionStreamEvent | BudgetsEvent | ApprovalChainsEvent | OutOfOfficeEvent;
  switch (event.type) {
    case 'ApprovalPolicySet': {
      const { organizationId, resellerId, approvalRequired, dynamicApproval, setBy, setAt } = event.data;
      return envelopeFromEvent(
        recorded,
        ApprovalsEvents.approvalPolicyChanged,
        { organizationId, resellerId, approvalRequired, dynamicApproval: { ...dynamicApproval }, changedBy: setBy, changedAt: setAt },
        { resellerId, organizationId },
      );
    }
    case 'TransactionRequested': {
      const { needsApproval, chained } = event.data;
      return envelopeFromEvent(recorded, ApprovalsEvents.transactionRequested, { ...factsV1(event.data), needsApproval, chained: chained === true }, tenantOf(event.data));
    }
    case 'ApprovalStepReached': {
      const { facts, stepIndex, stepCount, kind, approverIds, reachedAt, delegates } = event.data;
      // Steps recorded without the facts cannot tell anyone what to decide; none are (the decider adds them).
      if (!facts) return null;
      return envelopeFromEvent(recorded, ApprovalsEvents.approvalStepReached, { ...factsV1(facts), step: stepV1(stepIndex, kind, approverIds, delegates), stepCount, reachedAt }, tenantOf(facts));
    }
    case 'TransactionApproved': {
      const { decidedBy, decidedAt, comment, byPolicy, effectiveAt, subscriptionSequence } = event.data;
      return envelopeFromEvent(
        recorded,
        ApprovalsEvents.transactionApproved,
        {
          ...factsV1(event.data),
          decidedBy,
          comment,
          byPolicy: byPolicy !== null,
          effectiveAt: effectiveAt ?? decidedAt,
          // Approvals recorded before subscription ledgers have no sequence: consumers apply those as they arrive.
          ...(subscriptionSequence === undefined ? {} : { subscriptionSequence }),
        },
        tenantOf(event.data),
      );
    }
    case 'TransactionRejected': {
      const { decidedBy, decidedAt, reason } = event.data;
      return envelopeFromEvent(
        recorded,
        ApprovalsEvents.transactionRejected,
        { ...factsV1(event.data), decidedBy, reason, decidedAt },
        tenantOf(event.data),
      );
    }
    case 'TransactionWithdrawn': {
      const { withdrawnBy, withdrawnAt } = event.data;
      return envelopeFromEvent(
        recorded,
        ApprovalsEvents.transactionWithdrawn,
        { ...factsV1(event.data), withdrawnBy, withdrawnAt },
        tenantOf(event.data),
      );
    }
    case 'ApprovalStepApproved':
    case 'ApprovalStepRejected': {
      const { transactionId, stepIndex, decidedBy, onBehalfOf, decidedAt } = event.data;
      const approved = event.type === 'ApprovalStepApproved';
      return envelopeFromEvent(recorded, ApprovalsEvents.approvalStepDecided, {
        transactionId,
        stepIndex,
        decision: approved ? 'approved' : 'rejected',
        decidedBy,
        onBehalfOf,
        comment: approved ? event.data.comment : null,
        reason: approved ? null : event.data.reason,
        decidedAt,
      });
    }
    case 'ApprovalReminderSent':
    case 'ApprovalStepEscalated': {
      const { facts, stepIndex, stepCount, kind, approverIds, delegates, stepReachedAt } = event.data;
      if (!facts || stepCount === undefined || !kind || !stepReachedAt) return null;
      const overdueAt = event.type === 'ApprovalReminderSent' ? event.data.sentAt : event.data.escalatedAt;
      return envelopeFromEvent(
        recorded,
        ApprovalsEvents.approvalStepOverdue,
        { ...factsV1(facts), step: stepV1(stepIndex, kind, approverIds ?? null, delegates), stepCount, stage: event.type === 'ApprovalReminderSent' ? 'reminder' : 'escalation', stepReachedAt, overdueAt },
        tenantOf(facts),
      );
    }
    case 'BudgetThresholdNotified': {
      const { organizationId, resellerId, costCentre, period, periodKey, threshold, budget, committedSpend, currency, notifiedAt } = event.data;
      return envelopeFromEvent(
        recorded,
        ApprovalsEvents.budgetThresholdReached,
        { organizationId, resellerId, costCentre, period, periodKey, threshold, budget, committedSpend, currency: currency ?? '', reachedAt: notifiedAt },
        { resellerId, organizationId },
      );
    }
    case 'BudgetSet': {
      const { organizationId, resellerId, costCentre, period, amount, overBudget, currency, setBy, setAt } = event.data;
      return envelopeFromEvent(
        recorded,
        ApprovalsEvents.budgetChanged,
        { organizationId, resellerId, costCentre, period, amount, overBudget, currency: currency ?? null, changedBy: setBy, changedAt: setAt },
        { resellerId, organizationId },
      );
    }
    case 'BudgetRemoved': {
      const { organizationId, resellerId, costCentre, removedBy, removedAt } = event.data;
      return envelopeFromEvent(recorded, ApprovalsEvents.budgetRemoved, { organizationId, resellerId, costCentre, removedBy, removedAt }, { resellerId, organizationId });
    }
    case 'ApprovalChainsSet': {
      const { organizationId, resellerId, rules, escalation, setBy, setAt } = event.data;
      return envelopeFromEvent(
        recorded,
        ApprovalsEvents.approvalChainsChanged,
        { organizationId, resellerId, rules: rules.map(ruleV1), escalation: escalation ? escalationV1(escalation) : null, changedBy: setBy, changedAt: setAt },
        { resellerId, organizationId },
      );
    }
    // Its own type rather than a changed event with `cleared: true` and no rules: a set always holds a rule, so a
    // consumer reads each type one way and never has to tell an empty configuration from a cleared one.
    case 'ApprovalChainsCleared': {
      const { organizationId, resellerId, clearedBy, clearedAt } = event.data;
      return envelopeFromEvent(recorded, ApprovalsEvents.approvalChainsCleared, { organizationId, resellerId, clearedBy, clearedAt }, { resellerId, organizationId });
    }
    // The organization is the event's; its reseller is not in the event, only in the metadata (the approver's own
    // reseller, recorded with every change), which the envelope reads by default.
    case 'OutOfOfficeSet': {
      const { organizationId, userId, from, to, delegateId, setAt } = event.data;
      return envelopeFromEvent(recorded, ApprovalsEvents.outOfOfficeChanged, { organizationId, userId, from, to, delegateId, at: setAt }, { organizationId });
    }
    case 'OutOfOfficeCleared': {
      const { organizationId, userId, clearedAt } = event.data;
      return envelopeFromEvent(recorded, ApprovalsEvents.outOfOfficeChanged, { organizationId, userId, from: null, to: null, delegateId: null, at: clearedAt }, { organizationId });
    }
    default:
      return null;
  }
};

/** A chain rule as published, copied field by field. */
function ruleV1(rule: ChainRule): ChainRuleV1 {
  return { condition: conditionV1(rule.condition), steps: rule.steps.map((step) => ({ approverIds: [...step.approverIds] })) };
}

function conditionV1(condition: ChainCondition): ChainConditionV1 {
  switch (condition.type) {
    case 'always':
      return { type: 'always' };
    case 'annual_value_above':
      return { type: 'annual_value_above', amount: condition.amount };
    case 'products':
      return { type: 'products', productIds: [...condition.productIds] };
  }
}

function escalationV1(escalation: EscalationSettings): EscalationSettingsV1 {
  const { reminderAfterMinutes, escalateAfterMinutes, autoRejectAfterMinutes } = escalation;
  return { reminderAfterMinutes, escalateAfterMinutes, autoRejectAfterMinutes };
}

/** A chain step as published: one of the organization's, with its approvers and the delegates standing in, or the reseller's. */
function stepV1(index: number, kind: 'internal' | 'reseller', approverIds: string[] | null, delegates: { approverId: string; delegateId: string }[] | undefined) {
  if (kind === 'reseller') return { index, kind: 'reseller' as const };
  return { index, kind: 'organization' as const, approverIds: [...(approverIds ?? [])], ...(delegates?.length ? { delegates: delegates.map((d) => ({ ...d })) } : {}) };
}

const tenantOf = (facts: TransactionFacts) => ({ resellerId: facts.resellerId, organizationId: facts.organizationId });
