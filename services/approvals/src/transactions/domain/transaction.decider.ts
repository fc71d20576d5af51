import { formatAmount, MAX_TRANSACTION_QUANTITY } from '@broker/contracts';
import type { Decider } from '@broker/event-sourcing';
import { annualValueCents, type BillingFrequency, type TransactionType } from './annual-value';
import { nextEffectiveAt } from '../../subscription-ledger/domain/subscription-ledger.decider';
import { approvalRule, type PolicyInForce } from './approval-rule';
import { chainFor } from '../../approval-chains/domain/chain-selection';
import type { ChainRule } from '../../approval-chains/domain/approval-chains.events';
import { chainProgressDecider, chainSteps, DECIDED_BY_SYSTEM, type ChainProgress, type ChainProgressEvent, type StepActor } from '../../approval-chains/domain/chain-progress';
import { coversAt, type OutOfOfficePeriod } from '../../approval-chains/domain/delegation';
import type { BudgetVerdict } from '../../budgets/domain/budget-check';
import { OverBudgetError } from '../../budgets/domain/budgets.errors';
import { DECIDED_BY_POLICY, factsOf, isChainEvent, type ApprovalCommit, type TransactionEvent, type TransactionFacts, type TransactionStreamEvent } from './transaction.events';
import {
  AlreadyDecidedError,
  ApprovalForbiddenError,
  InvalidTransactionError,
  NotRequesterError,
  OwnRequestError,
  ReasonRequiredError,
  SubscriptionAlreadyCancelledError,
  SubscriptionChangedError,
  SubscriptionNotFoundError,
  TransactionIdReusedError,
  TransactionNotFoundError,
} from './transaction.errors';

/**
 * Where a subscription stands at the moment of a command: quantity, status, sequence and last effective time from
 * its ledger in this service (what has been approved, in order), the assigned users from the catalog.
 */
export interface SubscriptionNow {
  quantity: number;
  assignedCount: number;
  status: 'active' | 'cancelled';
  /** The sequence of the last transaction approved for it. */
  sequence: number;
  lastEffectiveAt: string | null;
}

export interface TransactionRequest {
  transactionId: string;
  resellerId: string;
  organizationId: string;
  organizationName: string;
  transactionType: TransactionType;
  productId: string;
  productName: string;
  /** For an order, the id the new subscription will have; otherwise the subscription it concerns. */
  subscriptionId: string;
  /** The quantity asked for; ignored for a cancellation (which sets 0). */
  quantity: number;
  /** The subscription a change or cancellation concerns; null for an order. */
  subscription: SubscriptionNow | null;
  /** In minor units of `currency`, as the annual value and the policy's limit (cents for most currencies). */
  unitPriceCents: bigint;
  billingFrequency: BillingFrequency;
  currency: string;
  policy: PolicyInForce;
  requestedByResellerStaff: boolean;
  /** The organization's approval chains in force (none: straight to the reseller's step, as before chains). */
  chainRules?: readonly ChainRule[];
  /** The organization's approvers' out-of-office periods: their delegates stand in for them while they run. */
  outOfOffice?: readonly OutOfOfficePeriod[];
  /** An order's cost centre label (its subscription keeps it). */
  costCentre?: string | null;
  /** The organization's budgets on this request (absent: it has none, or the request only lowers spend). */
  budget?: BudgetVerdict;
}

export type TransactionCommand =
  | { type: 'RequestTransaction'; data: TransactionRequest; actorId: string; at: Date }
  | {
      type: 'ApproveTransaction';
      /**
       * `decisionId` names the deciding request: the same decision asked again is answered, not refused.
       * `subscription`: where the subscription of a change or cancellation stands now (null for an order).
       */
      data: { transactionId: string; decisionId: string; comment: string | null; subscription: SubscriptionNow | null } & StepDecision;
      actorId: string;
      at: Date;
    }
  | { type: 'RejectTransaction'; data: { transactionId: string; decisionId: string; reason: string } & StepDecision; actorId: string; at: Date }
  | { type: 'WithdrawTransaction'; data: { transactionId: string; decisionId: string }; actorId: string; at: Date }
  | {
      /**
       * A pending step is overdue (the caller's clock and the organization's escalation settings say so): remind its
       * approvers, escalate it, or reject the request automatically with `reason`. Each stage of a step happens once;
       * a step decided meanwhile is chased no more.
       */
      type: 'ChaseStep';
      data: { transactionId: string; stepIndex: number; stage: 'reminder' | 'escalation' | 'auto_reject'; reason?: string; outOfOffice?: readonly OutOfOfficePeriod[] };
      actorId: string;
      at: Date;
    };

/**
 * For a transaction going through an approval chain: who decides (role and tenant, checked against the step) and the
 * step the decider saw, so that of concurrent decisions on one step exactly one is written and a retry after a lost
 * race finds its step decided instead of deciding the next.
 */
interface StepDecision {
  actor?: StepActor;
  stepIndex?: number;
  /** The organization's approvers' out-of-office periods now. */
  outOfOffice?: readonly OutOfOfficePeriod[];
}

export type TransactionStatus = 'pending_approval' | 'approved' | 'rejected' | 'withdrawn';

/** How a transaction was closed: decided (approved/rejected) or withdrawn by its requester. */
export interface TransactionOutcome {
  by: string;
  at: string;
  comment: string | null;
  reason: string | null;
  byPolicy: TransactionFacts['appliedPolicy'] | null;
  /** The deciding request; null for decisions recorded before decisions had ids. */
  decisionId: string | null;
}

export type TransactionState =
  | { status: 'none' }
  | {
      status: TransactionStatus;
      facts: TransactionFacts;
      outcome: TransactionOutcome | null;
      /** The organization's approval chain this request goes through; null when it goes straight to the reseller. */
      chain: ChainProgress | null;
    };

export type ExistingTransaction = Extract<TransactionState, { facts: TransactionFacts }>;

export const transactionDecider: Decider<TransactionCommand, TransactionStreamEvent, TransactionState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    const at = command.at.toISOString();
    switch (command.type) {
      case 'RequestTransaction': {
        // The same request again (a retry with the same transaction id): nothing new. Another one: refused.
        if (state.status !== 'none') {
          if (isSameRequest(state.facts, command.data, command.actorId)) return [];
          throw new TransactionIdReusedError(command.data.transactionId);
        }
        const { unitPriceCents, policy, requestedByResellerStaff, subscription, budget, ...request } = command.data;
        const quantity = quantityAfter(command.data);
        const previousQuantity = subscription?.quantity ?? 0;
        const annualValue = annualValueCents({ type: request.transactionType, unitPriceCents, quantity, previousQuantity, billingFrequency: request.billingFrequency });
        const rule = approvalRule(policy, annualValue, requestedByResellerStaff);
        // A budget the request would break refuses it, or has it approved whatever the other rules say.
        const refusedBy = budget?.outcome === 'refused' ? budget.over.find((line) => line.overBudget === 'refused') : undefined;
        if (refusedBy) throw new OverBudgetError(refusedBy.costCentre === null ? "organization's" : `cost centre ${refusedBy.costCentre}`, refusedBy.periodKey);
        const overBudget = budget && budget.over.length > 0 ? { overBudget: budget.over } : {};
        const needsApproval = rule.needsApproval || budget?.outcome === 'needs_approval';
        const facts: TransactionFacts = {
          transactionId: request.transactionId,
          resellerId: request.resellerId,
          organizationId: request.organizationId,
          organizationName: request.organizationName,
          transactionType: request.transactionType,
          productId: request.productId,
          productName: request.productName,
          subscriptionId: request.subscriptionId,
          quantity,
          previousQuantity,
          unitPrice: formatAmount(unitPriceCents, request.currency),
          billingFrequency: request.billingFrequency,
          currency: request.currency,
          annualValue: formatAmount(annualValue, request.currency),
          appliedPolicy: rule.appliedPolicy,
          policy: { approvalRequired: policy.approvalRequired, dynamicApproval: { enabled: policy.dynamicApproval.enabled, annualLimit: formatAmount(policy.dynamicApproval.annualLimitCents, request.currency) } },
          requestedBy: command.actorId,
          requestedAt: at,
          basedOnSequence: subscription?.sequence ?? null,
          ...(request.costCentre ? { costCentre: request.costCentre } : {}),
        };
        // The organization's own chain comes first (reseller staff's requests are approved on request, as before).
        const chain = requestedByResellerStaff ? null : chainFor(command.data.chainRules ?? [], { productId: request.productId, annualValueCents: annualValue }, request.currency);
        if (chain && chain.steps.length > 0) {
          const started = chainProgressDecider.decide(
            {
              type: 'StartChain',
              data: { transactionId: request.transactionId, resellerId: request.resellerId, organizationId: request.organizationId, requestedBy: command.actorId, steps: chainSteps(chain.steps, needsApproval), ruleIndex: chain.ruleIndex },
              at: command.at,
            },
            { status: 'none' },
          );
          return [{ type: 'TransactionRequested', data: { ...facts, needsApproval: true, chained: true, ...overBudget } }, ...withFacts(started, facts, command.data.outOfOffice ?? [], command.at)];
        }
        const requested: TransactionEvent = { type: 'TransactionRequested', data: { ...facts, needsApproval, ...overBudget } };
        if (needsApproval) return [requested];
        const commit = approvalCommit(facts, subscription, command.at);
        return [
          requested,
          { type: 'TransactionApproved', data: { ...facts, decidedBy: DECIDED_BY_POLICY, decidedAt: at, comment: null, byPolicy: rule.appliedPolicy, decisionId: request.transactionId, ...commit } },
        ];
      }
      case 'ApproveTransaction':
      case 'RejectTransaction': {
        const expected = command.type === 'ApproveTransaction' ? 'approved' : 'rejected';
        if (isRepeatedDecision(state, command.data.decisionId, expected)) return [];
        const pending = pendingOrThrow(state, command.data.transactionId);
        if (pending.facts.requestedBy === command.actorId) throw new OwnRequestError();
        const { decisionId } = command.data;
        if (pending.chain) return decideStep(pending, pending.chain, command);
        if (command.type === 'ApproveTransaction') {
          stillApplicable(pending.facts, command.data.subscription);
          const comment = command.data.comment?.trim() || null;
          const commit = approvalCommit(pending.facts, command.data.subscription, command.at);
          return [{ type: 'TransactionApproved', data: { ...pending.facts, decidedBy: command.actorId, decidedAt: at, comment, byPolicy: null, decisionId, ...commit } }];
        }
        const reason = command.data.reason.trim();
        if (!reason) throw new ReasonRequiredError();
        return [{ type: 'TransactionRejected', data: { ...pending.facts, decidedBy: command.actorId, decidedAt: at, reason, decisionId } }];
      }
      case 'ChaseStep': {
        if (state.status !== 'pending_approval' || !state.chain) return [];
        return chaseStep(state, state.chain, command);
      }
      case 'WithdrawTransaction': {
        if (isRepeatedDecision(state, command.data.decisionId, 'withdrawn')) return [];
        const pending = pendingOrThrow(state, command.data.transactionId);
        if (pending.facts.requestedBy !== command.actorId) throw new NotRequesterError();
        return [{ type: 'TransactionWithdrawn', data: { ...pending.facts, withdrawnBy: command.actorId, withdrawnAt: at, decisionId: command.data.decisionId } }];
      }
    }
  },

  evolve(state, event) {
    if (isChainEvent(event)) {
      if (state.status === 'none') return state;
      return { ...state, chain: chainProgressDecider.evolve(state.chain ?? { status: 'none' }, event) as ChainProgress };
    }
    const facts = state.status === 'none' ? factsOf(event) : state.facts;
    const chain = state.status === 'none' ? null : state.chain;
    switch (event.type) {
      case 'TransactionRequested':
        return { status: 'pending_approval', facts: factsOf(event), outcome: null, chain: null };
      case 'TransactionApproved': {
        const { decidedBy, decidedAt, comment, byPolicy } = event.data;
        return { status: 'approved', facts, chain, outcome: { by: decidedBy, at: decidedAt, comment, reason: null, byPolicy, decisionId: event.data.decisionId ?? null } };
      }
      case 'TransactionRejected':
        return {
          status: 'rejected',
          facts,
          chain,
          outcome: { by: event.data.decidedBy, at: event.data.decidedAt, comment: null, reason: event.data.reason, byPolicy: null, decisionId: event.data.decisionId ?? null },
        };
      case 'TransactionWithdrawn':
        return {
          status: 'withdrawn',
          facts,
          chain,
          outcome: { by: event.data.withdrawnBy, at: event.data.withdrawnAt, comment: null, reason: null, byPolicy: null, decisionId: event.data.decisionId ?? null },
        };
    }
  },
};

/**
 * A decision on a transaction going through its organization's approval chain: the chain decides the step (who may,
 * in which order, never the requester); once its last step is approved the transaction is approved (entering its
 * subscription's ledger as any approval), and a rejection at any step rejects the transaction with its reason.
 */
function decideStep(
  pending: ExistingTransaction,
  chain: ChainProgress,
  command: Extract<TransactionCommand, { type: 'ApproveTransaction' | 'RejectTransaction' }>,
): TransactionStreamEvent[] {
  const { transactionId, decisionId, actor } = command.data;
  if (!actor) throw new ApprovalForbiddenError('Only the approvers of the current step decide it');
  const approve = command.type === 'ApproveTransaction';
  const outOfOffice = command.data.outOfOffice ?? [];
  const stepIndex = command.data.stepIndex ?? chain.current;
  const step = chain.steps[stepIndex];
  let stepEvents: ChainProgressEvent[] = chainProgressDecider.decide(
    {
      type: 'DecideStep',
      data: {
        transactionId,
        stepIndex,
        decisionId,
        decision: approve ? 'approve' : 'reject',
        actor,
        covers: step?.kind === 'internal' ? coversAt(step.approverIds, outOfOffice, command.at) : [],
        ...(approve ? { comment: command.data.comment } : { reason: command.data.reason }),
      },
      at: command.at,
    },
    chain,
  );
  if (stepEvents.length === 0) return [];
  stepEvents = withFacts(stepEvents, pending.facts, outOfOffice, command.at);
  const after = stepEvents.reduce(chainProgressDecider.evolve, chain as Parameters<typeof chainProgressDecider.evolve>[0]);
  const at = command.at.toISOString();
  if (after.status === 'approved' && approve) {
    stillApplicable(pending.facts, command.data.subscription);
    const comment = command.data.comment?.trim() || null;
    const commit = approvalCommit(pending.facts, command.data.subscription, command.at);
    return [...stepEvents, { type: 'TransactionApproved', data: { ...pending.facts, decidedBy: actor.userId, decidedAt: at, comment, byPolicy: null, decisionId, ...commit } }];
  }
  if (after.status === 'rejected' && !approve) {
    return [...stepEvents, { type: 'TransactionRejected', data: { ...pending.facts, decidedBy: actor.userId, decidedAt: at, reason: command.data.reason.trim(), decisionId } }];
  }
  return stepEvents;
}

/** The chain's own record of an overdue step, and for an automatic rejection the transaction's rejection with it. */
function chaseStep(pending: ExistingTransaction, chain: ChainProgress, command: Extract<TransactionCommand, { type: 'ChaseStep' }>): TransactionStreamEvent[] {
  const { transactionId, stepIndex, stage } = command.data;
  if (chain.status !== 'pending' || chain.current !== stepIndex) return [];
  const at = command.at;
  if (stage === 'auto_reject') {
    const reason = command.data.reason?.trim() || 'No decision in time: rejected automatically';
    const rejected = chainProgressDecider.decide({ type: 'AutoRejectStep', data: { transactionId, stepIndex, reason }, at }, chain);
    const decisionId = `auto-reject-${stepIndex}`;
    return [...rejected, { type: 'TransactionRejected', data: { ...pending.facts, decidedBy: DECIDED_BY_SYSTEM, decidedAt: at.toISOString(), reason, decisionId } }];
  }
  const recorded = chainProgressDecider.decide({ type: stage === 'reminder' ? 'RecordReminder' : 'RecordEscalation', data: { transactionId, stepIndex }, at }, chain);
  const step = chain.steps[stepIndex]!;
  const approverIds = step.kind === 'internal' ? [...step.approverIds] : null;
  const delegates = coversAt(approverIds ?? [], command.data.outOfOffice ?? [], at).flatMap(({ approverId, delegateId }) => (delegateId ? [{ approverId, delegateId }] : []));
  const overdue = { facts: pending.facts, stepCount: chain.steps.length, kind: step.kind, approverIds, delegates, stepReachedAt: chain.stepReachedAt };
  return recorded.map((event) => (event.type === 'ApprovalReminderSent' || event.type === 'ApprovalStepEscalated' ? ({ ...event, data: { ...event.data, ...overdue } } as ChainProgressEvent) : event));
}

/**
 * Each step reached carries the transaction's facts, for its approvers to be told what they decide, and the delegates
 * standing in for those of them out of office at that moment (they are told instead, and may decide).
 */
function withFacts(events: readonly ChainProgressEvent[], facts: TransactionFacts, outOfOffice: readonly OutOfOfficePeriod[], at: Date): ChainProgressEvent[] {
  return events.map((event) => {
    if (event.type !== 'ApprovalStepReached') return event;
    const delegates = coversAt(event.data.approverIds ?? [], outOfOffice, at).flatMap(({ approverId, delegateId }) => (delegateId ? [{ approverId, delegateId }] : []));
    return { ...event, data: { ...event.data, facts, ...(delegates.length > 0 ? { delegates } : {}) } };
  });
}

/** A retried request asks for the same thing: same kind, organization, requester, target and quantity. */
export function isSameRequest(
  facts: TransactionFacts,
  asked: Pick<TransactionRequest, 'transactionType' | 'organizationId' | 'productId' | 'subscriptionId' | 'quantity'>,
  actorId: string,
): boolean {
  if (facts.transactionType !== asked.transactionType || facts.organizationId !== asked.organizationId || facts.requestedBy !== actorId) return false;
  switch (asked.transactionType) {
    case 'order':
      return facts.productId === asked.productId && facts.quantity === asked.quantity;
    case 'change':
      return facts.subscriptionId === asked.subscriptionId && facts.quantity === asked.quantity;
    case 'cancel':
      return facts.subscriptionId === asked.subscriptionId;
  }
}

function isRepeatedDecision(state: TransactionState, decisionId: string, status: TransactionStatus): boolean {
  return state.status === status && state.outcome !== null && state.outcome.decisionId === decisionId;
}

/**
 * Where an approval goes in its subscription's ledger: an order opens it (sequence 0); a change or cancellation comes
 * right after the last approved transaction, and never takes effect before it.
 */
function approvalCommit(facts: TransactionFacts, subscription: SubscriptionNow | null, at: Date): ApprovalCommit {
  if (facts.transactionType === 'order') return { subscriptionSequence: 0, effectiveAt: at.toISOString() };
  if (!subscription) throw new SubscriptionNotFoundError(facts.subscriptionId);
  return { subscriptionSequence: subscription.sequence + 1, effectiveAt: nextEffectiveAt(at, subscription.lastEffectiveAt) };
}

/** The quantity the subscription has once the transaction applies, after the rules on quantities. */
function quantityAfter(request: TransactionRequest): number {
  const { transactionType, quantity, subscription, subscriptionId } = request;
  if (transactionType === 'order') {
    requireQuantityInRange(quantity);
    return quantity;
  }
  if (!subscription) throw new InvalidTransactionError('subscriptionId', `A ${transactionType === 'change' ? 'change' : 'cancellation'} needs the subscription it concerns`);
  if (subscription.status === 'cancelled') throw new SubscriptionAlreadyCancelledError(subscriptionId);
  if (transactionType === 'cancel') return 0;
  requireQuantityInRange(quantity);
  if (quantity === subscription.quantity) throw new InvalidTransactionError('quantity', `The subscription already has quantity ${quantity}`);
  if (quantity < subscription.assignedCount) {
    throw new InvalidTransactionError(
      'quantity',
      `${subscription.assignedCount} users are assigned to this subscription: unassign ${subscription.assignedCount - quantity} of them before lowering the quantity to ${quantity}`,
    );
  }
  return quantity;
}

function requireQuantityInRange(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_TRANSACTION_QUANTITY) {
    throw new InvalidTransactionError('quantity', `quantity must be a whole number from 1 to ${MAX_TRANSACTION_QUANTITY}`);
  }
}

/**
 * An approval must still fit the subscription as it stands now: nothing else approved for it since the request
 * (otherwise the request was made against a state that is gone), not cancelled, and not fewer seats than the users
 * assigned meanwhile.
 */
function stillApplicable(facts: TransactionFacts, subscription: SubscriptionNow | null): void {
  if (facts.transactionType === 'order') return;
  if (!subscription) throw new SubscriptionNotFoundError(facts.subscriptionId);
  if (subscription.status === 'cancelled') throw new SubscriptionAlreadyCancelledError(facts.subscriptionId);
  if (facts.basedOnSequence !== null && subscription.sequence !== facts.basedOnSequence) {
    throw new SubscriptionChangedError(
      `Another change of this subscription was approved after this request was made (it asked to go from ${facts.previousQuantity} to ${facts.quantity}, and the subscription now has ${subscription.quantity}): reject it; the requester can ask again`,
    );
  }
  if (facts.transactionType === 'change' && facts.quantity < subscription.assignedCount) {
    throw new SubscriptionChangedError(
      `${subscription.assignedCount} users are now assigned to this subscription, more than the quantity ${facts.quantity} this change sets: unassign users first, or reject the change`,
    );
  }
}

function pendingOrThrow(state: TransactionState, transactionId: string): ExistingTransaction {
  if (state.status === 'none') throw new TransactionNotFoundError(transactionId);
  if (state.status !== 'pending_approval') throw new AlreadyDecidedError(transactionId, state.status);
  return state;
}
