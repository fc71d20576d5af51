import type { Role } from '@broker/contracts';
import type { Decider } from '@broker/event-sourcing';
import { INTERNAL_APPROVER_ROLES } from './approval-chains.decider';
import type { ChainStep } from './approval-chains.events';
import { ChainNotFoundError, NotStepApproverError, OwnRequestAtStepError, StepAlreadyDecidedError, StepNotReachedError } from './approval-chains.errors';
import { decidingAs, type Cover } from './delegation';
import { ReasonRequiredError } from '../../transactions/domain/transaction.errors';
import type { TransactionFacts } from '../../transactions/domain/transaction-facts';

/** A step of a pending transaction: one of the organization's own (any one of its approvers), or the reseller's. */
export type ProgressStep = { kind: 'internal'; approverIds: string[] } | { kind: 'reseller' };

/** The steps a request goes through: the organization's chain, then the reseller's step when its policy asks for one. */
export function chainSteps(internal: readonly ChainStep[], resellerStepRequired: boolean): ProgressStep[] {
  const steps: ProgressStep[] = internal.map((step) => ({ kind: 'internal', approverIds: [...step.approverIds] }));
  return resellerStepRequired ? [...steps, { kind: 'reseller' }] : steps;
}

export interface StepActor {
  userId: string;
  role: Role;
  resellerId: string | null;
  organizationId: string | null;
}

/** The `decidedBy` of an automatic rejection. */
export const DECIDED_BY_SYSTEM = 'system';

export type ChainProgressCommand =
  | {
      type: 'StartChain';
      data: { transactionId: string; resellerId: string; organizationId: string; requestedBy: string; steps: ProgressStep[]; ruleIndex: number | null };
      at: Date;
    }
  | {
      type: 'DecideStep';
      /**
       * `stepIndex`: the step the decider saw. Decisions on one step computed from the same revision compete for one
       * append at that revision; a loser, decided again on the stream as it now is, finds its step passed. `covers`:
       * the step's approvers' delegates at `at` (see coversAt); an approver without one decides alone.
       */
      data: {
        transactionId: string;
        stepIndex: number;
        decisionId: string;
        decision: 'approve' | 'reject';
        comment?: string | null;
        reason?: string;
        actor: StepActor;
        covers?: readonly Cover[];
        /** Display names for the history's delegation note. */
        names?: Readonly<Record<string, string>>;
      };
      at: Date;
    }
  | { type: 'AutoRejectStep'; data: { transactionId: string; stepIndex: number; reason: string }; at: Date }
  | { type: 'RecordReminder' | 'RecordEscalation'; data: { transactionId: string; stepIndex: number }; at: Date };

interface StepDecision {
  decidedBy: string;
  onBehalfOf: string | null;
  note: string | null;
  decidedAt: string;
  decisionId: string;
}

/** Internal events of a transaction's approval chain: every step reached and every decision, in the transaction's history. */
export type ChainProgressEvent =
  | { type: 'ApprovalChainStarted'; data: { transactionId: string; resellerId: string; organizationId: string; requestedBy: string; steps: ProgressStep[]; ruleIndex: number | null; startedAt: string } }
  | {
      type: 'ApprovalStepReached';
      /** `facts`: the transaction's, added by its decider so that the event alone tells the step's approvers what to decide. */
      data: {
        transactionId: string;
        stepIndex: number;
        stepCount: number;
        kind: ProgressStep['kind'];
        approverIds: string[] | null;
        reachedAt: string;
        facts?: TransactionFacts;
        /** Approvers out of office when the step was reached, with who stands in for them (added with the facts). */
        delegates?: { approverId: string; delegateId: string }[];
      };
    }
  | { type: 'ApprovalStepApproved'; data: { transactionId: string; stepIndex: number; comment: string | null } & StepDecision }
  | { type: 'ApprovalStepRejected'; data: { transactionId: string; stepIndex: number; reason: string } & StepDecision }
  | { type: 'ApprovalChainApproved'; data: { transactionId: string; approvedAt: string } }
  | { type: 'ApprovalReminderSent'; data: { transactionId: string; stepIndex: number; sentAt: string } & Partial<OverdueStep> }
  | { type: 'ApprovalStepEscalated'; data: { transactionId: string; stepIndex: number; escalatedAt: string } & Partial<OverdueStep> };

/** What a reminder or escalation carries for those it tells (added by the transaction's decider, as on a step reached). */
export interface OverdueStep {
  facts: TransactionFacts;
  stepCount: number;
  kind: ProgressStep['kind'];
  approverIds: string[] | null;
  delegates: { approverId: string; delegateId: string }[];
  stepReachedAt: string;
}

export interface ChainProgress {
  status: 'pending' | 'approved' | 'rejected';
  transactionId: string;
  resellerId: string;
  organizationId: string;
  requestedBy: string;
  steps: ProgressStep[];
  /** The step reached last (pending: the one awaiting a decision). */
  current: number;
  stepReachedAt: string;
  reminderSent: boolean;
  escalationSent: boolean;
  /** Each step's decision, by step index. */
  decisions: { stepIndex: number; decision: 'approve' | 'reject'; decisionId: string }[];
}

export type ChainProgressState = { status: 'none' } | ChainProgress;

function startedOrThrow(state: ChainProgressState, transactionId: string): ChainProgress {
  if (state.status === 'none') throw new ChainNotFoundError(transactionId);
  return state;
}

/** The step must be the one awaiting a decision: an earlier one (or any, once the chain ended) was decided already. */
function currentStepOrThrow(progress: ChainProgress, stepIndex: number): ProgressStep {
  if (stepIndex < progress.current || (stepIndex === progress.current && progress.status !== 'pending')) {
    throw new StepAlreadyDecidedError(progress.transactionId, stepIndex, progress.status === 'pending' ? 'pending approval' : progress.status);
  }
  const step = progress.steps[stepIndex];
  if (stepIndex > progress.current || !step || !Number.isInteger(stepIndex)) throw new StepNotReachedError(progress.transactionId, stepIndex);
  return step;
}

/** How the actor decides the step, or why they may not. */
function deciderOf(progress: ChainProgress, step: ProgressStep, stepIndex: number, data: Extract<ChainProgressCommand, { type: 'DecideStep' }>['data']): Omit<StepDecision, 'decidedAt' | 'decisionId'> {
  const { actor } = data;
  if (step.kind === 'reseller') {
    if (actor.role !== 'reseller_admin' || actor.resellerId !== progress.resellerId) throw new NotStepApproverError(stepIndex, 'reseller');
    return { decidedBy: actor.userId, onBehalfOf: null, note: null };
  }
  const inOrganization = actor.resellerId === progress.resellerId && actor.organizationId === progress.organizationId && INTERNAL_APPROVER_ROLES.includes(actor.role);
  const covers = step.approverIds.map((approverId) => ({ approverId, delegateId: data.covers?.find((c) => c.approverId === approverId)?.delegateId ?? null }));
  const as = inOrganization ? decidingAs(actor.userId, covers, data.names) : null;
  if (!as) throw new NotStepApproverError(stepIndex, 'internal');
  return as;
}

function reached(transactionId: string, steps: readonly ProgressStep[], stepIndex: number, at: string): ChainProgressEvent {
  const step = steps[stepIndex]!;
  return { type: 'ApprovalStepReached', data: { transactionId, stepIndex, stepCount: steps.length, kind: step.kind, approverIds: step.kind === 'internal' ? [...step.approverIds] : null, reachedAt: at } };
}

/**
 * A transaction's way through its steps, in order. Each step is decided once, by one of its approvers (or their
 * delegate) and never by the requester; an approval reaches the next step or, after the last, approves the chain; a
 * rejection at any step ends it with its reason.
 */
export const chainProgressDecider: Decider<ChainProgressCommand, ChainProgressEvent, ChainProgressState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    const at = command.at.toISOString();
    const { transactionId } = command.data;
    switch (command.type) {
      case 'StartChain': {
        if (state.status !== 'none') return [];
        const { resellerId, organizationId, requestedBy, steps, ruleIndex } = command.data;
        // A request with no step at all is approved on request by the transaction's own policy: no chain to run.
        if (steps.length === 0) throw new StepNotReachedError(transactionId, 0);
        return [
          { type: 'ApprovalChainStarted', data: { transactionId, resellerId, organizationId, requestedBy, steps, ruleIndex, startedAt: at } },
          reached(transactionId, steps, 0, at),
        ];
      }
      case 'DecideStep': {
        const progress = startedOrThrow(state, transactionId);
        const { stepIndex, decisionId, decision } = command.data;
        // A deciding request asked again (a client's retry) is answered as recorded, whichever step it decided: the
        // chain may have moved on since, and the retry must not decide the next step with the same request.
        const recorded = progress.decisions.find((d) => d.decisionId === decisionId);
        if (recorded) {
          if (recorded.decision === decision) return [];
          throw new StepAlreadyDecidedError(transactionId, recorded.stepIndex, progress.status === 'pending' ? 'pending approval' : progress.status);
        }
        if (command.data.actor.userId === progress.requestedBy) throw new OwnRequestAtStepError();
        const step = currentStepOrThrow(progress, stepIndex);
        const who = deciderOf(progress, step, stepIndex, command.data);
        if (decision === 'reject') {
          const reason = (command.data.reason ?? '').trim();
          if (!reason) throw new ReasonRequiredError();
          return [{ type: 'ApprovalStepRejected', data: { transactionId, stepIndex, ...who, reason, decidedAt: at, decisionId } }];
        }
        const comment = command.data.comment?.trim() || null;
        const approved: ChainProgressEvent = { type: 'ApprovalStepApproved', data: { transactionId, stepIndex, ...who, comment, decidedAt: at, decisionId } };
        const next = stepIndex + 1;
        if (next < progress.steps.length) return [approved, reached(transactionId, progress.steps, next, at)];
        return [approved, { type: 'ApprovalChainApproved', data: { transactionId, approvedAt: at } }];
      }
      case 'AutoRejectStep': {
        const progress = startedOrThrow(state, transactionId);
        const { stepIndex, reason } = command.data;
        currentStepOrThrow(progress, stepIndex);
        return [{ type: 'ApprovalStepRejected', data: { transactionId, stepIndex, decidedBy: DECIDED_BY_SYSTEM, onBehalfOf: null, note: null, reason, decidedAt: at, decisionId: `auto-reject-${stepIndex}` } }];
      }
      case 'RecordReminder':
      case 'RecordEscalation': {
        const progress = startedOrThrow(state, transactionId);
        const { stepIndex } = command.data;
        // Once the step is decided (or was reminded already) there is nothing left to send for it.
        if (progress.status !== 'pending' || stepIndex !== progress.current) return [];
        if (command.type === 'RecordReminder') return progress.reminderSent ? [] : [{ type: 'ApprovalReminderSent', data: { transactionId, stepIndex, sentAt: at } }];
        return progress.escalationSent ? [] : [{ type: 'ApprovalStepEscalated', data: { transactionId, stepIndex, escalatedAt: at } }];
      }
    }
  },

  evolve(state, event) {
    if (event.type === 'ApprovalChainStarted') {
      const { transactionId, resellerId, organizationId, requestedBy, steps, startedAt } = event.data;
      return { status: 'pending', transactionId, resellerId, organizationId, requestedBy, steps, current: 0, stepReachedAt: startedAt, reminderSent: false, escalationSent: false, decisions: [] };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'ApprovalStepReached':
        return { ...state, current: event.data.stepIndex, stepReachedAt: event.data.reachedAt, reminderSent: false, escalationSent: false };
      case 'ApprovalStepApproved':
        return { ...state, decisions: [...state.decisions, { stepIndex: event.data.stepIndex, decision: 'approve', decisionId: event.data.decisionId }] };
      case 'ApprovalStepRejected':
        return { ...state, status: 'rejected', decisions: [...state.decisions, { stepIndex: event.data.stepIndex, decision: 'reject', decisionId: event.data.decisionId }] };
      case 'ApprovalChainApproved':
        return { ...state, status: 'approved' };
      case 'ApprovalReminderSent':
        return { ...state, reminderSent: true };
      case 'ApprovalStepEscalated':
        return { ...state, escalationSent: true };
    }
  },
};
