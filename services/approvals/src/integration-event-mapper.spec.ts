import type { RecordedEvent } from '@broker/event-sourcing';
import { approvalsEventMapper } from './integration-event-mapper';
import { DECIDED_AT, REQUESTED_AT, sampleEvents, sampleFacts } from './transactions/testing/transaction-events.fixture';

const recorded = (type: string, data: Record<string, unknown>, streamId = 'approval-policy-o-1'): RecordedEvent => ({
  id: 'e-1',
  streamId,
  revision: 0n,
  position: { commit: 1n, prepare: 0n },
  type,
  schemaVersion: 1,
  data,
  metadata: { correlationId: 'c-1', resellerId: 'r-wrong', organizationId: 'o-wrong' },
  recordedAt: new Date('2026-03-16T09:00:00Z'),
});

/** TransactionFactsV1 exactly: no internal field (organization name, policy, needsApproval...) leaks. */
const publishedFacts = {
  transactionId: 't-1',
  resellerId: 'r-1',
  organizationId: 'o-1',
  transactionType: 'order',
  productId: 'p-1',
  productName: 'Microsoft 365 Business Basic',
  subscriptionId: 's-1',
  quantity: 10,
  previousQuantity: 0,
  unitPrice: '10.50',
  annualValue: '1260.00',
  currency: 'EUR',
  billingFrequency: 'monthly',
  requestedBy: 'u-customer',
  requestedAt: REQUESTED_AT,
  appliedPolicy: 'dynamic_limit',
};

const map = (event: { type: string; data: object }) => approvalsEventMapper(recorded(event.type, event.data as Record<string, unknown>, 'transaction-t-1'));

describe('approvals integration event mapper', () => {
  it('publishes ApprovalPolicySet as approvals.approval-policy-changed.v1 with the tenant in the envelope', () => {
    const data = { organizationId: 'o-1', resellerId: 'r-1', approvalRequired: true, dynamicApproval: { enabled: true, annualLimit: '1000.00' }, setBy: 'u-1', setAt: 't' };
    expect(approvalsEventMapper(recorded('ApprovalPolicySet', data))).toEqual({
      id: 'e-1',
      type: 'approvals.approval-policy-changed.v1',
      occurredAt: '2026-03-16T09:00:00.000Z',
      correlationId: 'c-1',
      causationId: 'c-1',
      resellerId: 'r-1',
      organizationId: 'o-1',
      data: { organizationId: 'o-1', resellerId: 'r-1', approvalRequired: true, dynamicApproval: { enabled: true, annualLimit: '1000.00' }, changedBy: 'u-1', changedAt: 't' },
    });
  });

  it('publishes a request with the full facts and whether it needs approval, the tenant taken from the facts', () => {
    const envelope = map(sampleEvents().requested);
    expect(envelope).toMatchObject({ id: 'e-1', type: 'approvals.transaction-requested.v1', resellerId: 'r-1', organizationId: 'o-1', correlationId: 'c-1' });
    expect(envelope!.data).toEqual({ ...publishedFacts, needsApproval: true, chained: false });
    const chained = sampleEvents().requested;
    expect(map({ ...chained, data: { ...chained.data, chained: true } })!.data).toEqual({ ...publishedFacts, needsApproval: true, chained: true });
  });

  it("publishes each approval-chain step reached with the transaction's facts, and keeps the chain's other events internal", () => {
    const facts = sampleEvents().requested.data;
    const reached = (stepIndex: number, kind: 'internal' | 'reseller', approverIds: string[] | null) =>
      map({ type: 'ApprovalStepReached', data: { transactionId: 't-1', stepIndex, stepCount: 2, kind, approverIds, reachedAt: DECIDED_AT, facts } } as never);
    expect(reached(0, 'internal', ['u-a', 'u-b'])).toMatchObject({ type: 'approvals.approval-step-reached.v1', resellerId: 'r-1', organizationId: 'o-1' });
    expect(reached(0, 'internal', ['u-a', 'u-b'])!.data).toEqual({ ...publishedFacts, step: { index: 0, kind: 'organization', approverIds: ['u-a', 'u-b'] }, stepCount: 2, reachedAt: DECIDED_AT });
    expect(reached(1, 'reseller', null)!.data).toEqual({ ...publishedFacts, step: { index: 1, kind: 'reseller' }, stepCount: 2, reachedAt: DECIDED_AT });
    expect(map({ type: 'ApprovalChainStarted', data: { transactionId: 't-1' } } as never)).toBeNull();
  });

  it('publishes each decision of a chain step, by whom and for whom, with the tenant of the request it was made in', () => {
    const decision = { transactionId: 't-1', stepIndex: 0, decidedBy: 'u-d', onBehalfOf: 'u-a', note: 'internal note', decidedAt: DECIDED_AT, decisionId: 'd-1' };
    const approved = map({ type: 'ApprovalStepApproved', data: { ...decision, comment: 'Fine' } });
    expect(approved).toMatchObject({ type: 'approvals.approval-step-decided.v1', resellerId: 'r-wrong', organizationId: 'o-wrong' });
    expect(approved!.data).toEqual({ transactionId: 't-1', stepIndex: 0, decision: 'approved', decidedBy: 'u-d', onBehalfOf: 'u-a', comment: 'Fine', reason: null, decidedAt: DECIDED_AT });
    const rejected = map({ type: 'ApprovalStepRejected', data: { ...decision, onBehalfOf: null, reason: 'Too dear' } });
    expect(rejected!.data).toEqual({ transactionId: 't-1', stepIndex: 0, decision: 'rejected', decidedBy: 'u-d', onBehalfOf: null, comment: null, reason: 'Too dear', decidedAt: DECIDED_AT });
  });

  it('publishes an approval effective at the approval time, by an approver or by policy', () => {
    expect(map(sampleEvents().approved)!).toMatchObject({ type: 'approvals.transaction-approved.v1', resellerId: 'r-1', organizationId: 'o-1' });
    expect(map(sampleEvents().approved)!.data).toEqual({ ...publishedFacts, decidedBy: 'u-reseller', comment: 'ok', byPolicy: false, effectiveAt: DECIDED_AT, subscriptionSequence: 0 });
    expect(map(sampleEvents().approvedByPolicy)!.data).toEqual({ ...publishedFacts, decidedBy: 'policy', comment: null, byPolicy: true, effectiveAt: REQUESTED_AT, subscriptionSequence: 0 });
  });

  it('publishes the place of an approval among its subscription\'s approved transactions, and its effective time', () => {
    const approved = sampleEvents().approved;
    const later = { ...approved, data: { ...approved.data, subscriptionSequence: 3, effectiveAt: '2026-03-16T10:00:00.001Z' } };
    expect(map(later)!.data).toMatchObject({ subscriptionSequence: 3, effectiveAt: '2026-03-16T10:00:00.001Z' });
    // Recorded before sequences and effective times: effective at the decision, no sequence.
    const { subscriptionSequence: _s, effectiveAt: _e, decisionId: _d, ...old } = approved.data;
    const published = map({ ...approved, data: old as typeof approved.data })!.data as Record<string, unknown>;
    expect(published.effectiveAt).toBe(DECIDED_AT);
    expect('subscriptionSequence' in published).toBe(false);
  });

  it('publishes rejections and withdrawals with the full facts', () => {
    expect(map(sampleEvents().rejected)).toMatchObject({ type: 'approvals.transaction-rejected.v1', data: { ...publishedFacts, decidedBy: 'u-reseller', reason: 'Over budget', decidedAt: DECIDED_AT } });
    expect(Object.keys(map(sampleEvents().rejected)!.data as object).sort()).toEqual([...Object.keys(publishedFacts), 'decidedBy', 'reason', 'decidedAt'].sort());
    expect(map(sampleEvents().withdrawn)!.data).toEqual({ ...publishedFacts, withdrawnBy: 'u-customer', withdrawnAt: DECIDED_AT });
    expect(map(sampleEvents().withdrawn)!.type).toBe('approvals.transaction-withdrawn.v1');
  });

  it('carries a change or cancellation as it is: quantities after and before', () => {
    const cancel = sampleEvents(sampleFacts({ transactionType: 'cancel', quantity: 0, previousQuantity: 10, annualValue: '0.00' })).approvedByPolicy;
    expect(map(cancel)!.data).toMatchObject({ transactionType: 'cancel', quantity: 0, previousQuantity: 10, annualValue: '0.00', subscriptionId: 's-1' });
  });

  describe('for the activity log', () => {
    /** An event recorded at 09:00 by u-1 (correlation c-1), the metadata naming another tenant than the event's. */
    const byUser = (type: string, data: Record<string, unknown>, streamId: string, metadata: Record<string, unknown> = { correlationId: 'c-1', actorId: 'u-1', resellerId: 'r-wrong', organizationId: 'o-wrong' }) =>
      approvalsEventMapper({ ...recorded(type, data, streamId), metadata });
    const envelope = (type: string, data: Record<string, unknown>, owner = { resellerId: 'r-1', organizationId: 'o-1' }) => ({
      id: 'e-1',
      type,
      occurredAt: '2026-03-16T09:00:00.000Z',
      correlationId: 'c-1',
      causationId: 'c-1',
      ...owner,
      actorId: 'u-1',
      data,
    });
    const org = { organizationId: 'o-1', resellerId: 'r-1' };

    it("publishes a budget set or removed, the organization's or a cost centre's, with the tenant of the event", () => {
      const set = { ...org, costCentre: 'Sales', period: 'quarterly', amount: '5000.00', overBudget: 'refused', currency: 'EUR', setBy: 'u-1', setAt: 't' };
      expect(byUser('BudgetSet', set, 'budgets-o-1')).toEqual(
        envelope('approvals.budget-changed.v1', { ...org, costCentre: 'Sales', period: 'quarterly', amount: '5000.00', overBudget: 'refused', currency: 'EUR', changedBy: 'u-1', changedAt: 't' }),
      );
      // Recorded before the currency was: null.
      const { currency: _currency, ...older } = set;
      expect(byUser('BudgetSet', { ...older, costCentre: null }, 'budgets-o-1')!.data).toMatchObject({ costCentre: null, currency: null });
      expect(byUser('BudgetRemoved', { ...org, costCentre: null, removedBy: 'u-1', removedAt: 't' }, 'budgets-o-1')).toEqual(
        envelope('approvals.budget-removed.v1', { ...org, costCentre: null, removedBy: 'u-1', removedAt: 't' }),
      );
    });

    it('publishes approval chains as set, each rule copied, and their clearing as its own event', () => {
      const rules = [
        { condition: { type: 'annual_value_above', amount: '1000.00' }, steps: [{ approverIds: ['u-a'] }, { approverIds: ['u-b', 'u-c'] }] },
        { condition: { type: 'products', productIds: ['p-1'] }, steps: [{ approverIds: ['u-a'] }] },
        { condition: { type: 'always' }, steps: [{ approverIds: ['u-d'] }] },
      ];
      const escalation = { reminderAfterMinutes: 60, escalateAfterMinutes: 120, autoRejectAfterMinutes: null };
      const set = byUser('ApprovalChainsSet', { ...org, rules, escalation, setBy: 'u-1', setAt: 't' }, 'approval-chains-o-1');
      expect(set).toEqual(envelope('approvals.approval-chains-changed.v1', { ...org, rules, escalation, changedBy: 'u-1', changedAt: 't' }));
      // Copies, not the recorded objects; and a configuration from before escalation: null.
      expect((set!.data as { rules: unknown[] }).rules[0]).not.toBe(rules[0]);
      expect(byUser('ApprovalChainsSet', { ...org, rules, setBy: 'u-1', setAt: 't' }, 'approval-chains-o-1')!.data).toMatchObject({ escalation: null });
      expect(byUser('ApprovalChainsCleared', { ...org, clearedBy: 'u-1', clearedAt: 't' }, 'approval-chains-o-1')).toEqual(
        envelope('approvals.approval-chains-cleared.v1', { ...org, clearedBy: 'u-1', clearedAt: 't' }),
      );
    });

    it("publishes an approver's out-of-office set or cleared, the organization's from the event and its reseller from the metadata", () => {
      const metadata = { correlationId: 'c-1', actorId: 'u-1', resellerId: 'r-1', organizationId: 'o-wrong' };
      const period = { from: '2026-04-01T00:00:00.000Z', to: '2026-04-10T00:00:00.000Z', delegateId: 'u-2' };
      expect(byUser('OutOfOfficeSet', { organizationId: 'o-1', userId: 'u-1', ...period, setAt: 't' }, 'out-of-office-o-1', metadata)).toEqual(
        envelope('approvals.out-of-office-changed.v1', { organizationId: 'o-1', userId: 'u-1', ...period, at: 't' }),
      );
      expect(byUser('OutOfOfficeCleared', { organizationId: 'o-1', userId: 'u-1', clearedAt: 't' }, 'out-of-office-o-1', metadata)).toEqual(
        envelope('approvals.out-of-office-changed.v1', { organizationId: 'o-1', userId: 'u-1', from: null, to: null, delegateId: null, at: 't' }),
      );
    });
  });

  it('keeps unknown events internal', () => {
    expect(approvalsEventMapper(recorded('SomethingElse', {}))).toBeNull();
  });
});
