import { DECIDED_AT, REQUESTED_AT, sampleEvents } from '../testing/transaction-events.fixture';
import { factsOf } from '../domain/transaction.events';
import { historyEntry } from './transaction-history';

const policy = { approvalRequired: false, dynamicApproval: { enabled: true, annualLimit: '1000.00' } };

describe('transaction history entries', () => {
  it('names for each event what happened, when, who, the value and the policy that applied', () => {
    const events = sampleEvents();
    const facts = factsOf(events.requested);
    expect(historyEntry(events.requested, facts, [])).toEqual({ type: 'requested', at: REQUESTED_AT, actorId: 'u-customer', annualValue: '1260.00', appliedPolicy: 'dynamic_limit', policy });
    expect(historyEntry(events.approved, facts, [])).toEqual({ type: 'approved', at: DECIDED_AT, actorId: 'u-reseller', annualValue: '1260.00', appliedPolicy: 'dynamic_limit', policy, comment: 'ok' });
    expect(historyEntry(events.approvedByPolicy, facts, [])).toEqual({ type: 'approved', at: REQUESTED_AT, actorId: 'policy', annualValue: '1260.00', appliedPolicy: 'dynamic_limit', policy });
    expect(historyEntry(events.rejected, facts, [])).toEqual({ type: 'rejected', at: DECIDED_AT, actorId: 'u-reseller', annualValue: '1260.00', appliedPolicy: 'dynamic_limit', policy, reason: 'Over budget' });
    expect(historyEntry(events.withdrawn, facts, [])).toEqual({ type: 'withdrawn', at: DECIDED_AT, actorId: 'u-customer', annualValue: '1260.00', appliedPolicy: 'dynamic_limit', policy });
  });

  it('names each step of an approval chain reached, approved (with the approver a delegate stood in for) and rejected', () => {
    const events = sampleEvents();
    const facts = factsOf(events.requested);
    const steps = [{ kind: 'internal' as const, approverIds: ['u-a', 'u-b'] }, { kind: 'reseller' as const }];
    const common = { annualValue: '1260.00', appliedPolicy: 'dynamic_limit', policy };
    expect(historyEntry({ type: 'ApprovalStepReached', data: { transactionId: 't', stepIndex: 0, stepCount: 2, kind: 'internal', approverIds: ['u-a', 'u-b'], reachedAt: REQUESTED_AT } }, facts, steps)).toEqual({
      type: 'step_reached', at: REQUESTED_AT, actorId: 'system', ...common, step: { index: 0, kind: 'organization', approverIds: ['u-a', 'u-b'] },
    });
    const decision = { decidedAt: DECIDED_AT, decisionId: 'd', note: null };
    expect(historyEntry({ type: 'ApprovalStepApproved', data: { transactionId: 't', stepIndex: 0, decidedBy: 'u-d', onBehalfOf: 'u-a', comment: 'fine', ...decision } }, facts, steps)).toEqual({
      type: 'step_approved', at: DECIDED_AT, actorId: 'u-d', ...common, step: { index: 0, kind: 'organization', approverIds: ['u-a', 'u-b'] }, onBehalfOf: 'u-a', comment: 'fine',
    });
    expect(historyEntry({ type: 'ApprovalStepRejected', data: { transactionId: 't', stepIndex: 1, decidedBy: 'u-r', onBehalfOf: null, reason: 'No', ...decision } }, facts, steps)).toEqual({
      type: 'step_rejected', at: DECIDED_AT, actorId: 'u-r', ...common, step: { index: 1, kind: 'reseller' }, reason: 'No',
    });
    expect(historyEntry({ type: 'ApprovalChainApproved', data: { transactionId: 't', approvedAt: DECIDED_AT } }, facts, steps)).toBeNull();
  });
});
