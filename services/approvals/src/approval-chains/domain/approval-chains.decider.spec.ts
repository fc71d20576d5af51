import type { Role } from '@broker/contracts';
import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { approvalChainsDecider, rulesOf, validateChainRules, type ApprovalChainsCommand, type ChainRuleInput } from './approval-chains.decider';
import type { ApprovalChainsEvent, ChainRule } from './approval-chains.events';
import { ApprovalChainsVersionMismatchError, InvalidApprovalChainsError } from './approval-chains.errors';

const spec = DeciderSpecification.for(approvalChainsDecider);
const at = new Date('2026-03-16T09:00:00Z');
const ids = { organizationId: 'o-1', resellerId: 'r-1' };
const admins = Array.from({ length: 11 }, (_, i) => `u-admin-${i + 1}`);
const users: Record<string, Role> = {
  ...Object.fromEntries(admins.map((id) => [id, 'org_admin' as Role])),
  'u-billing': 'org_billing_admin',
  'u-viewer': 'org_viewer',
  'u-user': 'org_user',
};

const set = (rules: ChainRuleInput[], extra: { currency?: string; expectedVersion?: number } = {}): ApprovalChainsCommand => ({
  type: 'SetApprovalChains',
  data: { ...ids, rules, organizationUsers: users, ...extra },
  actorId: 'u-admin-1',
  at,
});
const clear = (expectedVersion?: number): ApprovalChainsCommand => ({ type: 'ClearApprovalChains', data: { ...ids, ...(expectedVersion === undefined ? {} : { expectedVersion }) }, actorId: 'u-admin-1', at });
const chainsSet = (rules: ChainRule[]): ApprovalChainsEvent => ({ type: 'ApprovalChainsSet', data: { ...ids, rules, escalation: null, setBy: 'u-admin-1', setAt: at.toISOString() } });
const cleared: ApprovalChainsEvent = { type: 'ApprovalChainsCleared', data: { ...ids, clearedBy: 'u-admin-1', clearedAt: at.toISOString() } };

const step = (...approverIds: string[]) => ({ approverIds });
const always = (...steps: { approverIds: string[] }[]): ChainRuleInput => ({ condition: { type: 'always' }, steps });
const above = (amount: string | number, ...steps: { approverIds: string[] }[]): ChainRuleInput => ({ condition: { type: 'annual_value_above', amount }, steps });
const products = (productIds: string[], ...steps: { approverIds: string[] }[]): ChainRuleInput => ({ condition: { type: 'products', productIds }, steps });

/** The fields a refusal names, in order. */
const refusedFields = (rules: ChainRuleInput[], currency?: string): string[] => {
  try {
    validateChainRules(rules, users, currency);
  } catch (error) {
    if (error instanceof InvalidApprovalChainsError && error.code === 'VALIDATION') return error.errors.map((e) => e.field);
    throw error;
  }
  throw new Error('expected the rules to be refused');
};

describe('approval chains decider', () => {
  it('records the whole configuration, amounts exact with the currency decimals', () => {
    spec.when(set([above('1000', step('u-admin-1'), step('u-billing', 'u-admin-2')), always(step('u-admin-3'))])).then([
      chainsSet([
        { condition: { type: 'annual_value_above', amount: '1000.00' }, steps: [{ approverIds: ['u-admin-1'] }, { approverIds: ['u-billing', 'u-admin-2'] }] },
        { condition: { type: 'always' }, steps: [{ approverIds: ['u-admin-3'] }] },
      ]),
    ]);
    spec.when(set([above(150000, step('u-admin-1'))], { currency: 'JPY' })).then([chainsSet([{ condition: { type: 'annual_value_above', amount: '150000' }, steps: [{ approverIds: ['u-admin-1'] }] }])]);
    spec.when(set([above('1.5', step('u-admin-1'))], { currency: 'KWD' })).then([chainsSet([{ condition: { type: 'annual_value_above', amount: '1.500' }, steps: [{ approverIds: ['u-admin-1'] }] }])]);
    spec.when(set([products(['p-1', 'p-2'], step('u-admin-1'))])).then([chainsSet([{ condition: { type: 'products', productIds: ['p-1', 'p-2'] }, steps: [{ approverIds: ['u-admin-1'] }] }])]);
  });

  it('records nothing when the configuration is already in force ("set to" is safe to repeat)', () => {
    const recorded = chainsSet([{ condition: { type: 'annual_value_above', amount: '1000.00' }, steps: [{ approverIds: ['u-admin-1'] }] }]);
    spec.given([recorded]).when(set([above('1000.00', step('u-admin-1'))])).then([]);
    spec.given([recorded]).when(set([above(1000, step('u-admin-1'))])).then([]);
    spec.given([recorded]).when(set([above('1000.01', step('u-admin-1'))])).then([chainsSet([{ condition: { type: 'annual_value_above', amount: '1000.01' }, steps: [{ approverIds: ['u-admin-1'] }] }])]);
    spec.given([recorded]).when(set([above('1000', step('u-admin-2'))])).then([chainsSet([{ condition: { type: 'annual_value_above', amount: '1000.00' }, steps: [{ approverIds: ['u-admin-2'] }] }])]);
  });

  it('clears a configuration once; clearing none records nothing; a set after a clear records again', () => {
    const recorded = chainsSet([{ condition: { type: 'always' }, steps: [{ approverIds: ['u-admin-1'] }] }]);
    spec.when(clear()).then([]);
    spec.given([recorded]).when(clear()).then([cleared]);
    spec.given([recorded, cleared]).when(clear()).then([]);
    spec.given([recorded, cleared]).when(set([always(step('u-admin-1'))])).then([recorded]);
    expect(rulesOf([recorded, cleared].reduce(approvalChainsDecider.evolve, approvalChainsDecider.initialState()))).toEqual([]);
  });

  it('counts versions, and refuses a change made on a version the configuration is no longer at', () => {
    const recorded = chainsSet([{ condition: { type: 'always' }, steps: [{ approverIds: ['u-admin-1'] }] }]);
    const state = [recorded, cleared].reduce(approvalChainsDecider.evolve, approvalChainsDecider.initialState());
    expect(state.version).toBe(2);
    spec.when(set([always(step('u-admin-1'))], { expectedVersion: 0 })).then([recorded]);
    spec.given([recorded]).when(set([always(step('u-admin-2'))], { expectedVersion: 0 })).thenThrows(ApprovalChainsVersionMismatchError, (e) => e.code === 'APPROVAL_CHAINS.VERSION_MISMATCH');
    spec.given([recorded]).when(clear(0)).thenThrows(ApprovalChainsVersionMismatchError);
    spec.given([recorded]).when(clear(1)).then([cleared]);
  });

  it('reads recorded amounts in the currency', () => {
    const state = approvalChainsDecider.evolve(approvalChainsDecider.initialState(), chainsSet([{ condition: { type: 'annual_value_above', amount: '150000.00' }, steps: [{ approverIds: ['u-admin-1'] }] }]));
    expect(rulesOf(state, 'JPY')[0]!.condition).toEqual({ type: 'annual_value_above', amount: '150000' });
  });
});

describe('approval chain rules', () => {
  it('takes 1 to 5 steps of 1 to 10 approvers, and up to 20 rules', () => {
    const five = [1, 2, 3, 4, 5].map((i) => step(`u-admin-${i}`));
    expect(validateChainRules([always(...five)], users)).toHaveLength(1);
    expect(validateChainRules([always(step(...admins.slice(0, 10)))], users)[0]!.steps[0]!.approverIds).toHaveLength(10);
    const twenty = Array.from({ length: 19 }, (_, i) => products([`p-${i}`], step('u-admin-1'))).concat([always(step('u-admin-1'))]);
    expect(validateChainRules(twenty, users)).toHaveLength(20);
  });

  it('refuses no rule, or more than 20, naming rules', () => {
    expect(refusedFields([])).toEqual(['rules']);
    expect(refusedFields(Array.from({ length: 21 }, (_, i) => products([`p-${i}`], step('u-admin-1'))))).toEqual(['rules']);
  });

  it('refuses no step or six steps, naming the rule steps', () => {
    expect(refusedFields([always()])).toEqual(['rules[0].steps']);
    expect(refusedFields([products(['p-1'], step('u-admin-1')), always(...[1, 2, 3, 4, 5, 6].map((i) => step(`u-admin-${i}`)))])).toEqual(['rules[1].steps']);
  });

  it('refuses an empty step or eleven approvers, naming the step', () => {
    expect(refusedFields([always(step('u-admin-1'), step())])).toEqual(['rules[0].steps[1].approverIds']);
    expect(refusedFields([always(step(...admins))])).toEqual(['rules[0].steps[0].approverIds']);
  });

  it('refuses a user twice in one step, and lets a user approve at two steps', () => {
    expect(refusedFields([always(step('u-admin-1', 'u-admin-2', 'u-admin-1'))])).toEqual(['rules[0].steps[0].approverIds[2]']);
    expect(validateChainRules([always(step('u-admin-1'), step('u-admin-1', 'u-billing'))], users)).toHaveLength(1);
  });

  it('takes organization admins and billing admins as approvers, nobody else and no stranger', () => {
    expect(validateChainRules([always(step('u-admin-1', 'u-billing'))], users)).toHaveLength(1);
    expect(refusedFields([always(step('u-viewer', 'u-user', 'u-elsewhere'))])).toEqual(['rules[0].steps[0].approverIds[0]', 'rules[0].steps[0].approverIds[1]', 'rules[0].steps[0].approverIds[2]']);
  });

  it('refuses a negative amount or more decimals than the currency has, naming the amount', () => {
    expect(refusedFields([above('-1.00', step('u-admin-1'))])).toEqual(['rules[0].condition.amount']);
    expect(refusedFields([above('10.001', step('u-admin-1'))])).toEqual(['rules[0].condition.amount']);
    expect(refusedFields([above('1000.5', step('u-admin-1'))], 'JPY')).toEqual(['rules[0].condition.amount']);
    expect(validateChainRules([above('0', step('u-admin-1'))], users)[0]!.condition).toEqual({ type: 'annual_value_above', amount: '0.00' });
  });

  it('refuses no product, a product twice and an unknown condition', () => {
    expect(refusedFields([products([], step('u-admin-1'))])).toEqual(['rules[0].condition.productIds']);
    expect(refusedFields([products(['p-1', 'p-2', 'p-1'], step('u-admin-1'))])).toEqual(['rules[0].condition.productIds[2]']);
    expect(refusedFields([{ condition: { type: 'weekday' } as never, steps: [step('u-admin-1')] }])).toEqual(['rules[0].condition.type']);
  });

  it('refuses a rule after one that always applies, which could never be used', () => {
    expect(refusedFields([always(step('u-admin-1')), above('10', step('u-admin-2'))])).toEqual(['rules[1]']);
  });

  it('names every broken field at once', () => {
    expect(refusedFields([above('x', step()), products(['p-1'], step('u-viewer'))])).toEqual(['rules[0].condition.amount', 'rules[0].steps[0].approverIds', 'rules[1].steps[0].approverIds[0]']);
  });
});
