import { DECIDED_AT, REQUESTED_AT, sampleEvents } from '../testing/transaction-events.fixture';
import { historyEntry } from './transaction-history';

const policy = { approvalRequired: false, dynamicApproval: { enabled: true, annualLimit: '1000.00' } };

describe('transaction history entries', () => {
  it('names for each event what happened, when, who, the value and the policy that applied', () => {
    const events = sampleEvents();
    expect(historyEntry(events.requested)).toEqual({ type: 'requested', at: REQUESTED_AT, actorId: 'u-customer', annualValue: '1260.00', appliedPolicy: 'dynamic_limit', policy });
    expect(historyEntry(events.approved)).toEqual({ type: 'approved', at: DECIDED_AT, actorId: 'u-reseller', annualValue: '1260.00', appliedPolicy: 'dynamic_limit', policy, comment: 'ok' });
    expect(historyEntry(events.approvedByPolicy)).toEqual({ type: 'approved', at: REQUESTED_AT, actorId: 'policy', annualValue: '1260.00', appliedPolicy: 'dynamic_limit', policy });
    expect(historyEntry(events.rejected)).toEqual({ type: 'rejected', at: DECIDED_AT, actorId: 'u-reseller', annualValue: '1260.00', appliedPolicy: 'dynamic_limit', policy, reason: 'Over budget' });
    expect(historyEntry(events.withdrawn)).toEqual({ type: 'withdrawn', at: DECIDED_AT, actorId: 'u-customer', annualValue: '1260.00', appliedPolicy: 'dynamic_limit', policy });
  });
});
