import { amountIn, moneyErrorMessage, parseMoneyAmount, type Role } from '@broker/contracts';
import type { Decider } from '@broker/event-sourcing';
import type { ApprovalChainsEvent, ChainCondition, ChainRule } from './approval-chains.events';
import { ApprovalChainsVersionMismatchError, InvalidApprovalChainsError, type FieldMessage } from './approval-chains.errors';
import { validateEscalationSettings, type EscalationSettings } from './escalation-schedule';

export const MAX_CHAIN_RULES = 20;
export const MAX_CHAIN_STEPS = 5;
export const MAX_STEP_APPROVERS = 10;
export const MAX_RULE_PRODUCTS = 100;
/** Who may approve inside the organization. */
export const INTERNAL_APPROVER_ROLES: readonly Role[] = ['org_admin', 'org_billing_admin'];

/** A condition as input gives it: the amount a decimal string or a number in the organization's currency. */
export type ChainConditionInput = { type: 'always' } | { type: 'annual_value_above'; amount: string | number } | { type: 'products'; productIds: string[] };

export interface ChainRuleInput {
  condition: ChainConditionInput;
  steps: { approverIds: string[] }[];
}

interface CommandBase {
  organizationId: string;
  resellerId: string;
  /** The version (If-Match) the change was made on; omitted: whatever the configuration is at. */
  expectedVersion?: number;
}

export type ApprovalChainsCommand =
  | {
      type: 'SetApprovalChains';
      data: CommandBase & {
        rules: ChainRuleInput[];
        /** The roles of the organization's users now: an approver must be one of them, an org admin or billing admin. */
        organizationUsers: Readonly<Record<string, Role>>;
        /** The organization's currency: an amount has exactly its decimals (unknown: two). */
        currency?: string;
        /** When pending steps are chased; null or absent: never. */
        escalation?: EscalationSettings | null;
      };
      actorId: string;
      at: Date;
    }
  | { type: 'ClearApprovalChains'; data: CommandBase; actorId: string; at: Date };

export type ApprovalChainsState = { version: number } & (
  | { status: 'none' }
  | { status: 'set'; organizationId: string; resellerId: string; rules: ChainRule[]; escalation: EscalationSettings | null }
);

/** When the organization's pending steps are chased; null: never (or no chains). */
export function escalationOf(state: ApprovalChainsState): EscalationSettings | null {
  return state.status === 'set' ? state.escalation : null;
}

/** The rules in force (none: every request goes straight to the reseller's step, as before chains). */
export function rulesOf(state: ApprovalChainsState, currency?: string): ChainRule[] {
  if (state.status !== 'set') return [];
  return state.rules.map((rule) => ({
    condition: rule.condition.type === 'annual_value_above' ? { type: 'annual_value_above', amount: amountIn(rule.condition.amount, currency) } : rule.condition,
    steps: rule.steps.map((step) => ({ approverIds: [...step.approverIds] })),
  }));
}

/** The configuration to record, or every field error that forbids it (fields such as `rules[1].steps[0].approverIds[2]`). */
export function validateChainRules(rules: readonly ChainRuleInput[], organizationUsers: Readonly<Record<string, Role>>, currency?: string): ChainRule[] {
  const errors: FieldMessage[] = [];
  if (!Array.isArray(rules) || rules.length === 0) errors.push({ field: 'rules', message: 'rules must hold at least one rule (clear the approval chains to have none)' });
  else if (rules.length > MAX_CHAIN_RULES) errors.push({ field: 'rules', message: `rules must hold at most ${MAX_CHAIN_RULES} rules` });
  const valid: ChainRule[] = [];
  (Array.isArray(rules) ? rules : []).forEach((rule, r) => {
    const at = `rules[${r}]`;
    const condition = conditionOf(rule.condition, `${at}.condition`, errors, currency);
    // The first matching rule picks the chain, so a rule after an "always" rule could never apply.
    if (r > 0 && rules[r - 1]?.condition?.type === 'always') errors.push({ field: at, message: `${at} follows a rule that always applies and would never be used` });
    const steps: ChainRuleInput['steps'] = rule.steps ?? [];
    if (steps.length < 1 || steps.length > MAX_CHAIN_STEPS) errors.push({ field: `${at}.steps`, message: `${at}.steps must hold 1 to ${MAX_CHAIN_STEPS} steps` });
    steps.forEach((step, s) => {
      const field = `${at}.steps[${s}].approverIds`;
      const ids: string[] = step.approverIds ?? [];
      if (ids.length < 1 || ids.length > MAX_STEP_APPROVERS) errors.push({ field, message: `${field} must hold 1 to ${MAX_STEP_APPROVERS} approvers` });
      ids.forEach((id, i) => {
        const role = organizationUsers[id];
        if (ids.indexOf(id) !== i) errors.push({ field: `${field}[${i}]`, message: `${field}[${i}]: ${id} is in this step already` });
        else if (role === undefined) errors.push({ field: `${field}[${i}]`, message: `${field}[${i}]: ${id} is not a user of this organization` });
        else if (!INTERNAL_APPROVER_ROLES.includes(role)) errors.push({ field: `${field}[${i}]`, message: `${field}[${i}]: ${id} must be an organization admin or billing admin to approve` });
      });
    });
    if (condition) valid.push({ condition, steps: steps.map((step) => ({ approverIds: [...(step.approverIds ?? [])] })) });
  });
  if (errors.length > 0) throw new InvalidApprovalChainsError(errors);
  return valid;
}

function conditionOf(input: ChainConditionInput | undefined, field: string, errors: FieldMessage[], currency?: string): ChainCondition | null {
  switch (input?.type) {
    case 'always':
      return { type: 'always' };
    case 'annual_value_above': {
      const parsed = parseMoneyAmount(input.amount, currency);
      if (parsed.ok) return { type: 'annual_value_above', amount: parsed.amount };
      errors.push({ field: `${field}.amount`, message: moneyErrorMessage('amount', parsed.reason, currency) });
      return null;
    }
    case 'products': {
      const ids: string[] = input.productIds ?? [];
      if (ids.length < 1 || ids.length > MAX_RULE_PRODUCTS) {
        errors.push({ field: `${field}.productIds`, message: `productIds must hold 1 to ${MAX_RULE_PRODUCTS} products` });
        return null;
      }
      const twice = ids.findIndex((id, i) => ids.indexOf(id) !== i);
      if (twice >= 0) {
        errors.push({ field: `${field}.productIds[${twice}]`, message: `productIds[${twice}]: ${ids[twice]} is listed twice` });
        return null;
      }
      return { type: 'products', productIds: [...ids] };
    }
    default:
      errors.push({ field: `${field}.type`, message: 'condition.type must be one of always, annual_value_above, products' });
      return null;
  }
}

function sameRules(a: readonly ChainRule[], b: readonly ChainRule[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * "Set to": the whole configuration is given, and nothing is recorded when it is already in force (clearing what is
 * not set, too). The version counts the events recorded; an expected version is checked here, and the handler
 * appends at the revision it read, so the check and the write are one step.
 */
export const approvalChainsDecider: Decider<ApprovalChainsCommand, ApprovalChainsEvent, ApprovalChainsState> = {
  initialState: () => ({ version: 0, status: 'none' }),

  decide(command, state) {
    const { organizationId, resellerId, expectedVersion } = command.data;
    if (expectedVersion !== undefined && expectedVersion !== state.version) throw new ApprovalChainsVersionMismatchError();
    if (command.type === 'ClearApprovalChains') {
      if (state.status === 'none') return [];
      return [{ type: 'ApprovalChainsCleared', data: { organizationId, resellerId, clearedBy: command.actorId, clearedAt: command.at.toISOString() } }];
    }
    const { currency } = command.data;
    const rules = validateChainRules(command.data.rules, command.data.organizationUsers, currency);
    const escalation = command.data.escalation ? { ...command.data.escalation, autoRejectAfterMinutes: command.data.escalation.autoRejectAfterMinutes ?? null } : null;
    if (escalation) validateEscalationSettings(escalation);
    if (state.status === 'set' && sameRules(rulesOf(state, currency), rules) && JSON.stringify(state.escalation) === JSON.stringify(escalation)) return [];
    return [{ type: 'ApprovalChainsSet', data: { organizationId, resellerId, rules, escalation, setBy: command.actorId, setAt: command.at.toISOString() } }];
  },

  evolve(state, event) {
    const version = state.version + 1;
    if (event.type === 'ApprovalChainsCleared') return { version, status: 'none' };
    const { organizationId, resellerId, rules, escalation } = event.data;
    return { version, status: 'set', organizationId, resellerId, rules, escalation: escalation ?? null };
  },
};
