import type { Role } from '@broker/contracts';
import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { ReasonRequiredError } from '../../transactions/domain/transaction.errors';
import { ChainNotFoundError, NotStepApproverError, OwnRequestAtStepError, StepAlreadyDecidedError, StepNotReachedError } from './approval-chains.errors';
import { chainProgressDecider, chainSteps, DECIDED_BY_SYSTEM, type ChainProgressCommand, type ChainProgressEvent, type ChainProgressState, type ProgressStep, type StepActor } from './chain-progress';
import type { Cover } from './delegation';

const spec = DeciderSpecification.for(chainProgressDecider);
const t0 = new Date('2026-03-16T09:00:00Z');
const t1 = new Date('2026-03-16T10:00:00Z');
const ids = { transactionId: 't-1', resellerId: 'r-1', organizationId: 'o-1' };

const orgUser = (userId: string, role: Role = 'org_admin', organizationId = 'o-1', resellerId = 'r-1'): StepActor => ({ userId, role, organizationId, resellerId });
const resellerAdmin = (userId: string, resellerId = 'r-1'): StepActor => ({ userId, role: 'reseller_admin', organizationId: null, resellerId });

/** Two internal steps ("any one of" a1, a2; then b1) and the reseller's. */
const steps: ProgressStep[] = chainSteps([{ approverIds: ['u-a1', 'u-a2'] }, { approverIds: ['u-b1'] }], true);

const start = (chain: ProgressStep[] = steps, requestedBy = 'u-req'): ChainProgressCommand => ({ type: 'StartChain', data: { ...ids, requestedBy, steps: chain, ruleIndex: 0 }, at: t0 });
const started = (chain: ProgressStep[] = steps, requestedBy = 'u-req'): ChainProgressEvent[] => [
  { type: 'ApprovalChainStarted', data: { ...ids, requestedBy, steps: chain, ruleIndex: 0, startedAt: t0.toISOString() } },
  reachedEvent(0, chain, t0),
];
function reachedEvent(stepIndex: number, chain: ProgressStep[] = steps, at = t1): ChainProgressEvent {
  const step = chain[stepIndex]!;
  return { type: 'ApprovalStepReached', data: { transactionId: 't-1', stepIndex, stepCount: chain.length, kind: step.kind, approverIds: step.kind === 'internal' ? step.approverIds : null, reachedAt: at.toISOString() } };
}
const decide = (
  stepIndex: number,
  actor: StepActor,
  decision: 'approve' | 'reject' = 'approve',
  extra: { decisionId?: string; reason?: string; comment?: string | null; covers?: Cover[]; names?: Record<string, string> } = {},
): ChainProgressCommand => ({
  type: 'DecideStep',
  data: {
    transactionId: 't-1',
    stepIndex,
    decisionId: extra.decisionId ?? `d-${stepIndex}`,
    decision,
    actor,
    ...(extra.reason === undefined ? {} : { reason: extra.reason }),
    ...(extra.comment === undefined ? {} : { comment: extra.comment }),
    ...(extra.covers ? { covers: extra.covers } : {}),
    ...(extra.names ? { names: extra.names } : {}),
  },
  at: t1,
});
const approved = (stepIndex: number, decidedBy: string, extra: { onBehalfOf?: string; note?: string; comment?: string; decisionId?: string } = {}): ChainProgressEvent => ({
  type: 'ApprovalStepApproved',
  data: { transactionId: 't-1', stepIndex, decidedBy, onBehalfOf: extra.onBehalfOf ?? null, note: extra.note ?? null, comment: extra.comment ?? null, decidedAt: t1.toISOString(), decisionId: extra.decisionId ?? `d-${stepIndex}` },
});
const chainApproved: ChainProgressEvent = { type: 'ApprovalChainApproved', data: { transactionId: 't-1', approvedAt: t1.toISOString() } };

const atStep = (stepIndex: number): ChainProgressEvent[] => {
  const history = started();
  const deciders = ['u-a1', 'u-b1'];
  for (let i = 0; i < stepIndex; i++) history.push(approved(i, deciders[i]!), reachedEvent(i + 1));
  return history;
};
const stateOf = (events: ChainProgressEvent[]): ChainProgressState => events.reduce(chainProgressDecider.evolve, chainProgressDecider.initialState());

describe('chain steps', () => {
  it("puts the organization's steps first and the reseller's last, when its policy asks for it", () => {
    expect(chainSteps([{ approverIds: ['u-1'] }, { approverIds: ['u-2', 'u-3'] }], true)).toEqual([
      { kind: 'internal', approverIds: ['u-1'] },
      { kind: 'internal', approverIds: ['u-2', 'u-3'] },
      { kind: 'reseller' },
    ]);
    expect(chainSteps([{ approverIds: ['u-1'] }], false)).toEqual([{ kind: 'internal', approverIds: ['u-1'] }]);
    expect(chainSteps([], true)).toEqual([{ kind: 'reseller' }]);
  });
});

describe('chain progress', () => {
  it('starts at the first step, naming its approvers; a repeated start records nothing; no step is no chain', () => {
    spec.when(start()).then(started());
    spec.given(started()).when(start()).then([]);
    spec.when(start([])).thenThrows(StepNotReachedError);
  });

  it('goes through two internal steps then the reseller, each approval reaching the next step', () => {
    spec.given(started()).when(decide(0, orgUser('u-a1'))).then([approved(0, 'u-a1'), reachedEvent(1)]);
    spec.given(atStep(1)).when(decide(1, orgUser('u-b1', 'org_billing_admin'))).then([approved(1, 'u-b1'), reachedEvent(2)]);
    spec.given(atStep(2)).when(decide(2, resellerAdmin('u-reseller'), 'approve', { comment: '  fine  ' })).then([approved(2, 'u-reseller', { comment: 'fine' }), chainApproved]);
    expect(stateOf([...atStep(2), approved(2, 'u-reseller'), chainApproved])).toMatchObject({ status: 'approved', current: 2 });
  });

  it('approves a chain without a reseller step after its last internal step', () => {
    const internalOnly = chainSteps([{ approverIds: ['u-a1'] }], false);
    spec.given(started(internalOnly)).when(decide(0, orgUser('u-a1'), 'approve', { comment: '   ' })).then([approved(0, 'u-a1'), chainApproved]);
  });

  it('lets any one of a group decide its step, and refuses the others afterwards as already decided', () => {
    spec.given(started()).when(decide(0, orgUser('u-a2'))).then([approved(0, 'u-a2'), reachedEvent(1)]);
    const afterA2 = [...started(), approved(0, 'u-a2'), reachedEvent(1)];
    spec.given(afterA2).when(decide(0, orgUser('u-a1'), 'approve', { decisionId: 'd-other' })).thenThrows(StepAlreadyDecidedError, (e) => e.code === 'APPROVAL.ALREADY_DECIDED');
    spec.given(afterA2).when(decide(0, orgUser('u-a1'), 'reject', { decisionId: 'd-other', reason: 'no' })).thenThrows(StepAlreadyDecidedError);
  });

  it('refuses the requester at every step, the reseller step included', () => {
    const requesterInEveryGroup = chainSteps([{ approverIds: ['u-req', 'u-a1'] }, { approverIds: ['u-req'] }], true);
    const history = started(requesterInEveryGroup);
    spec.given(history).when(decide(0, orgUser('u-req'))).thenThrows(OwnRequestAtStepError, (e) => e.code === 'APPROVAL.FORBIDDEN');
    spec.given(history).when(decide(0, orgUser('u-req'), 'reject', { reason: 'mine' })).thenThrows(OwnRequestAtStepError);
    const second = [...history, approved(0, 'u-a1'), reachedEvent(1, requesterInEveryGroup)];
    spec.given(second).when(decide(1, orgUser('u-req'))).thenThrows(OwnRequestAtStepError);
    // A request raised by reseller staff that still reaches the reseller step: its requester does not decide there either.
    const byReseller = [...second, approved(1, 'u-x'), reachedEvent(2, requesterInEveryGroup)].map((e) =>
      e.type === 'ApprovalChainStarted' ? { ...e, data: { ...e.data, requestedBy: 'u-reseller' } } : e,
    );
    spec.given(byReseller).when(decide(2, resellerAdmin('u-reseller'))).thenThrows(OwnRequestAtStepError);
  });

  it("refuses at an internal step whoever is not in the step's group, an approver of another organization and one who lost the role", () => {
    const history = started();
    spec.given(history).when(decide(0, orgUser('u-b1'))).thenThrows(NotStepApproverError, (e) => e.code === 'APPROVAL.FORBIDDEN');
    spec.given(history).when(decide(0, orgUser('u-a1', 'org_admin', 'o-2'))).thenThrows(NotStepApproverError);
    spec.given(history).when(decide(0, orgUser('u-a1', 'org_admin', 'o-1', 'r-2'))).thenThrows(NotStepApproverError);
    spec.given(history).when(decide(0, orgUser('u-a1', 'org_viewer'))).thenThrows(NotStepApproverError);
    spec.given(history).when(decide(0, resellerAdmin('u-a1'))).thenThrows(NotStepApproverError);
    spec.given(history).when(decide(0, resellerAdmin('u-reseller'))).thenThrows(NotStepApproverError);
  });

  it("lets only the reseller's own admins decide the reseller step", () => {
    const history = atStep(2);
    spec.given(history).when(decide(2, orgUser('u-a1'))).thenThrows(NotStepApproverError);
    spec.given(history).when(decide(2, resellerAdmin('u-other', 'r-2'))).thenThrows(NotStepApproverError);
    spec.given(history).when(decide(2, { userId: 'u-platform', role: 'platform_admin', resellerId: null, organizationId: null })).thenThrows(NotStepApproverError);
    spec.given(history).when(decide(2, resellerAdmin('u-any-reseller-admin'))).then([approved(2, 'u-any-reseller-admin'), chainApproved]);
  });

  it('lets the delegate of an approver who is out of office decide, and says so in the history', () => {
    const covers: Cover[] = [{ approverId: 'u-a1', delegateId: 'u-d1' }, { approverId: 'u-a2', delegateId: null }];
    spec.given(started()).when(decide(0, orgUser('u-d1', 'org_admin'), 'approve', { covers, names: { 'u-d1': 'Dana', 'u-a1': 'Alex' } })).then([
      approved(0, 'u-d1', { onBehalfOf: 'u-a1', note: 'decided by Dana for Alex, who is out of office' }),
      reachedEvent(1),
    ]);
    spec.given(started()).when(decide(0, orgUser('u-d1'), 'reject', { covers, reason: 'too much' })).then([
      { type: 'ApprovalStepRejected', data: { transactionId: 't-1', stepIndex: 0, decidedBy: 'u-d1', onBehalfOf: 'u-a1', note: 'decided by u-d1 for u-a1, who is out of office', reason: 'too much', decidedAt: t1.toISOString(), decisionId: 'd-0' } },
    ]);
  });

  it('refuses a would-be delegate while nobody is away, or standing in for someone not of this step', () => {
    spec.given(started()).when(decide(0, orgUser('u-d1'))).thenThrows(NotStepApproverError);
    spec.given(started()).when(decide(0, orgUser('u-d1'), 'approve', { covers: [{ approverId: 'u-b1', delegateId: 'u-d1' }] })).thenThrows(NotStepApproverError);
    // A delegate is held to the same organization and roles as the approvers themselves.
    spec.given(started()).when(decide(0, orgUser('u-d1', 'org_viewer'), 'approve', { covers: [{ approverId: 'u-a1', delegateId: 'u-d1' }] })).thenThrows(NotStepApproverError);
  });

  it('ends the chain on a rejection at any step, with its reason; nothing is decided after it', () => {
    const rejected = (stepIndex: number, decidedBy: string, reason: string): ChainProgressEvent => ({
      type: 'ApprovalStepRejected',
      data: { transactionId: 't-1', stepIndex, decidedBy, onBehalfOf: null, note: null, reason, decidedAt: t1.toISOString(), decisionId: `d-${stepIndex}` },
    });
    spec.given(started()).when(decide(0, orgUser('u-a1'), 'reject', { reason: '  over budget ' })).then([rejected(0, 'u-a1', 'over budget')]);
    spec.given(atStep(1)).when(decide(1, orgUser('u-b1'), 'reject', { reason: 'no' })).then([rejected(1, 'u-b1', 'no')]);
    spec.given(atStep(2)).when(decide(2, resellerAdmin('u-reseller'), 'reject', { reason: 'not in stock' })).then([rejected(2, 'u-reseller', 'not in stock')]);
    const ended = [...atStep(1), rejected(1, 'u-b1', 'no')];
    expect(stateOf(ended)).toMatchObject({ status: 'rejected', current: 1 });
    spec.given(ended).when(decide(1, orgUser('u-b1'), 'approve', { decisionId: 'd-again' })).thenThrows(StepAlreadyDecidedError);
    spec.given(ended).when(decide(2, resellerAdmin('u-reseller'))).thenThrows(StepNotReachedError);
  });

  it('requires a reason to reject', () => {
    spec.given(started()).when(decide(0, orgUser('u-a1'), 'reject')).thenThrows(ReasonRequiredError, (e) => e.errors[0]!.field === 'reason');
    spec.given(started()).when(decide(0, orgUser('u-a1'), 'reject', { reason: ' \n ' })).thenThrows(ReasonRequiredError);
  });

  it('refuses a step not reached yet, and a step the chain does not have', () => {
    spec.given(started()).when(decide(1, orgUser('u-b1'))).thenThrows(StepNotReachedError, (e) => e.code === 'APPROVAL.STEP_NOT_REACHED');
    spec.given(started()).when(decide(7, orgUser('u-a1'))).thenThrows(StepNotReachedError);
    spec.given(atStep(1)).when(decide(1.5, orgUser('u-b1'))).thenThrows(StepNotReachedError);
  });

  it('answers the same decision asked again with nothing new, even once the chain moved on (it never decides the next step)', () => {
    spec.given(atStep(1)).when(decide(0, orgUser('u-a1'), 'approve', { decisionId: 'd-0' })).then([]);
    spec.given(atStep(1)).when(decide(1, orgUser('u-b1'), 'approve', { decisionId: 'd-0' })).then([]);
    spec.given(atStep(1)).when(decide(0, orgUser('u-a1'), 'reject', { decisionId: 'd-0', reason: 'x' })).thenThrows(StepAlreadyDecidedError);
  });

  it('refuses decisions on a transaction without a chain', () => {
    spec.when(decide(0, orgUser('u-a1'))).thenThrows(ChainNotFoundError);
  });
});

describe('chain progress under concurrent decisions', () => {
  /** A stream appended to only at the revision the writer read, as the event store does. */
  const race = (history: ChainProgressEvent[], commands: ChainProgressCommand[]) => {
    const stream = [...history];
    const revision = stream.length;
    const decided = commands.map((command) => chainProgressDecider.decide(command, stateOf(stream)));
    let wins = 0;
    const refusedOnRetry: unknown[] = [];
    decided.forEach((events, i) => {
      if (stream.length === revision) {
        stream.push(...events);
        wins += 1;
        return;
      }
      // The loser's append fails on the revision; decided again on the stream as it now is, it finds the step passed.
      try {
        stream.push(...chainProgressDecider.decide(commands[i]!, stateOf(stream)));
      } catch (error) {
        refusedOnRetry.push(error);
      }
    });
    return { stream, wins, refusedOnRetry };
  };

  it('lets exactly one of 50 concurrent decisions on an internal step win', () => {
    const group = Array.from({ length: 10 }, (_, i) => `u-g${i}`);
    const chain = chainSteps([{ approverIds: group }, { approverIds: ['u-b1'] }], true);
    const commands = Array.from({ length: 50 }, (_, i) =>
      decide(0, orgUser(group[i % 10]!), i % 3 === 1 ? 'reject' : 'approve', { decisionId: `d-${i}`, reason: 'no' }),
    );
    const { stream, wins, refusedOnRetry } = race(started(chain), commands);
    expect(wins).toBe(1);
    expect(refusedOnRetry).toHaveLength(49);
    expect(refusedOnRetry.every((e) => e instanceof StepAlreadyDecidedError)).toBe(true);
    expect(stream.filter((e) => e.type === 'ApprovalStepApproved' || e.type === 'ApprovalStepRejected')).toHaveLength(1);
    expect(stream.filter((e) => e.type === 'ApprovalStepReached' && e.data.stepIndex === 1)).toHaveLength(1);
  });

  it('lets exactly one of 50 concurrent decisions on the reseller step win', () => {
    const commands = Array.from({ length: 50 }, (_, i) => decide(2, resellerAdmin(`u-reseller-${i}`), 'approve', { decisionId: `d-reseller-${i}` }));
    const { stream, wins, refusedOnRetry } = race(atStep(2), commands);
    expect(wins).toBe(1);
    expect(refusedOnRetry.filter((e) => e instanceof StepAlreadyDecidedError)).toHaveLength(49);
    expect(stream.filter((e) => e.type === 'ApprovalChainApproved')).toHaveLength(1);
  });
});

describe('automatic rejection, reminders and escalations of a step', () => {
  const remind = (stepIndex: number): ChainProgressCommand => ({ type: 'RecordReminder', data: { transactionId: 't-1', stepIndex }, at: t1 });
  const escalate = (stepIndex: number): ChainProgressCommand => ({ type: 'RecordEscalation', data: { transactionId: 't-1', stepIndex }, at: t1 });
  const reminded = (stepIndex: number): ChainProgressEvent => ({ type: 'ApprovalReminderSent', data: { transactionId: 't-1', stepIndex, sentAt: t1.toISOString() } });
  const escalated = (stepIndex: number): ChainProgressEvent => ({ type: 'ApprovalStepEscalated', data: { transactionId: 't-1', stepIndex, escalatedAt: t1.toISOString() } });
  const autoReject = (stepIndex: number): ChainProgressCommand => ({ type: 'AutoRejectStep', data: { transactionId: 't-1', stepIndex, reason: 'No decision within 7 days' }, at: t1 });

  it('rejects the pending step automatically, once, as the system', () => {
    const rejected: ChainProgressEvent = {
      type: 'ApprovalStepRejected',
      data: { transactionId: 't-1', stepIndex: 1, decidedBy: DECIDED_BY_SYSTEM, onBehalfOf: null, note: null, reason: 'No decision within 7 days', decidedAt: t1.toISOString(), decisionId: 'auto-reject-1' },
    };
    spec.given(atStep(1)).when(autoReject(1)).then([rejected]);
    spec.given([...atStep(1), rejected]).when(autoReject(1)).thenThrows(StepAlreadyDecidedError);
    spec.given([...atStep(1), rejected]).when(decide(1, orgUser('u-b1'), 'approve', { decisionId: 'late' })).thenThrows(StepAlreadyDecidedError);
    spec.given(atStep(1)).when(autoReject(0)).thenThrows(StepAlreadyDecidedError);
  });

  it('records a reminder and an escalation once per step, and none for a step decided meanwhile', () => {
    spec.given(started()).when(remind(0)).then([reminded(0)]);
    spec.given([...started(), reminded(0)]).when(remind(0)).then([]);
    spec.given([...started(), reminded(0)]).when(escalate(0)).then([escalated(0)]);
    spec.given([...started(), reminded(0), escalated(0)]).when(escalate(0)).then([]);
    spec.given([...started(), reminded(0), escalated(0), approved(0, 'u-a1'), reachedEvent(1)]).when(remind(0)).then([]);
    // The next step is reminded and escalated on its own.
    spec.given([...started(), reminded(0), escalated(0), approved(0, 'u-a1'), reachedEvent(1)]).when(remind(1)).then([reminded(1)]);
    spec.given([...started(), reminded(0), escalated(0), approved(0, 'u-a1'), reachedEvent(1)]).when(escalate(1)).then([escalated(1)]);
    expect(stateOf([...started(), reminded(0), approved(0, 'u-a1'), reachedEvent(1)])).toMatchObject({ current: 1, reminderSent: false, escalationSent: false, stepReachedAt: t1.toISOString() });
  });
});
