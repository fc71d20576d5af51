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

describe('approval policy decider in the reseller currency', () => {
  const inCurrency = (currency: string, approvalRequired: boolean, dynamicApproval: ApprovalPolicyCommand['data']['dynamicApproval']): ApprovalPolicyCommand => {
    const command = set(approvalRequired, dynamicApproval);
    return { ...command, data: { ...command.data, currency } };
  };

  it('records the limit with exactly the currency decimals, and answers the default limit in them', () => {
    spec.when(inCurrency('JPY', false, { enabled: true, annualLimit: '150000' })).then([policySet(false, true, '150000')]);
    spec.when(inCurrency('JPY', false, { enabled: true, annualLimit: '150000.00' })).then([policySet(false, true, '150000')]);
    spec.when(inCurrency('KWD', false, { enabled: true, annualLimit: 150.25 })).then([policySet(false, true, '150.250')]);
    expect([policyOf(approvalPolicyDecider.initialState(), 'JPY'), policyOf(approvalPolicyDecider.initialState(), 'KWD')].map((p) => p.dynamicApproval.annualLimit)).toEqual(['0', '0.000']);
  });

  it('reads a limit recorded with two decimals before in the currency: the same limit again records nothing', () => {
    spec.given([policySet(true, true, '150000.00')]).when(inCurrency('JPY', true, { enabled: true, annualLimit: '150000' })).then([]);
    const state = approvalPolicyDecider.evolve(approvalPolicyDecider.initialState(), policySet(true, true, '150000.00'));
    expect(policyOf(state, 'JPY').dynamicApproval.annualLimit).toBe('150000');
  });

  it('refuses more decimals than the currency has, naming the field and the rule', () => {
    const refused = (currency: string, annualLimit: string, message: string) =>
      spec.when(inCurrency(currency, false, { enabled: true, annualLimit })).thenThrows(InvalidApprovalPolicyError, (error) => JSON.stringify(error.errors) === JSON.stringify([{ field: 'dynamicApproval.annualLimit', message }]));
    refused('JPY', '1000.5', 'annualLimit must be an amount such as "1000" (JPY has no decimals: a whole number, as a string or a number)');
    refused('KWD', '10.0005', 'annualLimit must be an amount such as "1000.000" (KWD has three decimals: a decimal string with at most three decimals, or a number)');
    refused('EUR', '10.005', 'annualLimit must be an amount such as "1000.00" (a decimal string with at most two decimals, or a number)');
  });
});
