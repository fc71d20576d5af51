import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { approvalPolicyDecider, policyOf, type ApprovalPolicyCommand } from './approval-policy.decider';
import type { ApprovalPolicyEvent } from './approval-policy.events';
import { InvalidApprovalPolicyError } from './approval-policy.errors';

const spec = DeciderSpecification.for(approvalPolicyDecider);
const at = new Date('2026-03-16T09:00:00Z');
const ids = { organizationId: 'o-1', resellerId: 'r-1' };
const set = (approvalRequired: boolean, dynamicApproval: ApprovalPolicyCommand['data']['dynamicApproval']): ApprovalPolicyCommand => ({
  type: 'SetApprovalPolicy',
  data: { ...ids, approvalRequired, dynamicApproval },
  actorId: 'u-1',
  at,
});
const policySet = (approvalRequired: boolean, enabled: boolean, annualLimit: string): ApprovalPolicyEvent => ({
  type: 'ApprovalPolicySet',
  data: { ...ids, approvalRequired, dynamicApproval: { enabled, annualLimit }, setBy: 'u-1', setAt: at.toISOString() },
});
const fieldOf = (error: InvalidApprovalPolicyError) => error.errors.map((e) => e.field);

describe('approval policy decider', () => {
  it('answers the defaults for a policy never set: no approvals, dynamic approval off, limit 0.00', () => {
    expect(policyOf(approvalPolicyDecider.initialState())).toEqual({ approvalRequired: false, dynamicApproval: { enabled: false, annualLimit: '0.00' } });
  });

  it('records the whole policy, the limit exact with two places', () => {
    spec.when(set(false, { enabled: true, annualLimit: '1000' })).then([policySet(false, true, '1000.00')]);
    spec.when(set(true, { enabled: false })).then([policySet(true, false, '0.00')]);
    spec.when(set(false, { enabled: true, annualLimit: 1234.5 })).then([policySet(false, true, '1234.50')]);
  });

  it('records nothing when the policy is already so ("set to" is safe to repeat)', () => {
    spec.when(set(false, { enabled: false })).then([]);
    spec.when(set(false, { enabled: false, annualLimit: '0.00' })).then([]);
    spec.given([policySet(true, true, '1000.00')]).when(set(true, { enabled: true, annualLimit: '1000.00' })).then([]);
    spec.given([policySet(true, true, '1000.00')]).when(set(true, { enabled: true, annualLimit: 1000 })).then([]);
  });

  it('keeps the current limit when dynamic approval is turned off without one', () => {
    spec.given([policySet(false, true, '500.00')]).when(set(false, { enabled: false })).then([policySet(false, false, '500.00')]);
  });

  it('refuses a negative or badly written limit, and a missing one while enabled, naming the field', () => {
    const named = (error: InvalidApprovalPolicyError) => error.code === 'VALIDATION' && fieldOf(error).join() === 'dynamicApproval.annualLimit';
    spec.when(set(false, { enabled: true, annualLimit: '-1.00' })).thenThrows(InvalidApprovalPolicyError, named);
    spec.when(set(false, { enabled: false, annualLimit: -1 })).thenThrows(InvalidApprovalPolicyError, named);
    spec.when(set(false, { enabled: true, annualLimit: '10.001' })).thenThrows(InvalidApprovalPolicyError, named);
    spec.when(set(false, { enabled: true })).thenThrows(InvalidApprovalPolicyError, named);
  });
});
