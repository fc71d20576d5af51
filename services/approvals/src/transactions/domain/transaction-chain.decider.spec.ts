import { transactionDecider, type TransactionCommand, type TransactionRequest, type TransactionState } from './transaction.decider';
import type { TransactionStreamEvent } from './transaction.events';
import { sampleRequest } from '../testing/transaction-events.fixture';

const at = new Date('2026-03-16T09:00:00Z');
const later = new Date('2026-03-16T11:00:00Z');

const request = (overrides: Partial<TransactionRequest> = {}): TransactionRequest =>
  sampleRequest({
    quantity: 2,
    policy: { approvalRequired: true, dynamicApproval: { enabled: false, annualLimitCents: 0n } },
    chainRules: [{ condition: { type: 'always' }, steps: [{ approverIds: ['u-a', 'u-b'] }] }],
    ...overrides,
  });

/** Decides and folds, as the repository does: the events and the state after them. */
function run(state: TransactionState, command: TransactionCommand): { events: TransactionStreamEvent[]; state: TransactionState } {
  const events = transactionDecider.decide(command, state);
  return { events, state: events.reduce(transactionDecider.evolve, state) };
}

const requested = () => run(transactionDecider.initialState(), { type: 'RequestTransaction', data: request(), actorId: 'u-req', at }).state;
const chase = (state: TransactionState, stage: 'reminder' | 'escalation' | 'auto_reject', stepIndex = 0) =>
  run(state, { type: 'ChaseStep', data: { transactionId: 't-1', stepIndex, stage, outOfOffice: [{ userId: 'u-b', from: at.toISOString(), to: '2026-03-17T00:00:00Z', delegateId: 'u-d' }] }, actorId: 'system', at: later });

describe('transaction decider: a chained request and its overdue steps', () => {
  it('starts the chain with the request: the first step reached, with the facts for its approvers', () => {
    const { events } = run(transactionDecider.initialState(), { type: 'RequestTransaction', data: request(), actorId: 'u-req', at });
    expect(events.map((e) => e.type)).toEqual(['TransactionRequested', 'ApprovalChainStarted', 'ApprovalStepReached']);
    expect(events[0]!.data).toMatchObject({ needsApproval: true, chained: true });
    expect(events[2]!.data).toMatchObject({ stepIndex: 0, stepCount: 2, kind: 'internal', approverIds: ['u-a', 'u-b'], facts: { transactionId: 't-1', annualValue: '252.00' } });
  });

  it('records a reminder and an escalation once each, with the step and the delegates standing in', () => {
    const reminded = chase(requested(), 'reminder');
    expect(reminded.events).toEqual([
      {
        type: 'ApprovalReminderSent',
        data: expect.objectContaining({ transactionId: 't-1', stepIndex: 0, sentAt: later.toISOString(), kind: 'internal', stepCount: 2, approverIds: ['u-a', 'u-b'], delegates: [{ approverId: 'u-b', delegateId: 'u-d' }], stepReachedAt: at.toISOString() }),
      },
    ]);
    expect(chase(reminded.state, 'reminder').events).toEqual([]);
    const escalated = chase(reminded.state, 'escalation');
    expect(escalated.events.map((e) => e.type)).toEqual(['ApprovalStepEscalated']);
    expect(chase(escalated.state, 'escalation').events).toEqual([]);
  });

  it('rejects automatically once, as the system, and chases a decided or passed step no more', () => {
    const rejected = chase(requested(), 'auto_reject');
    expect(rejected.events.map((e) => e.type)).toEqual(['ApprovalStepRejected', 'TransactionRejected']);
    expect(rejected.events[1]!.data).toMatchObject({ decidedBy: 'system', reason: 'No decision in time: rejected automatically', decisionId: 'auto-reject-0' });
    expect(rejected.state.status).toBe('rejected');
    expect(chase(rejected.state, 'auto_reject').events).toEqual([]);
    expect(chase(rejected.state, 'reminder').events).toEqual([]);
    expect(chase(requested(), 'reminder', 1).events).toEqual([]);
  });
});
