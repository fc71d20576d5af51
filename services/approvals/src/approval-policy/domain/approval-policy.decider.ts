import { amountIn, formatAmount, moneyErrorMessage, parseMoneyAmount } from '@broker/contracts';
import type { Decider } from '@broker/event-sourcing';
import type { ApprovalPolicyEvent } from './approval-policy.events';
import { InvalidApprovalPolicyError } from './approval-policy.errors';

export interface ApprovalPolicy {
  approvalRequired: boolean;
  dynamicApproval: { enabled: boolean; annualLimit: string };
}

export type ApprovalPolicyCommand = {
  type: 'SetApprovalPolicy';
  data: {
    organizationId: string;
    resellerId: string;
    approvalRequired: boolean;
    /** `annualLimit` as given (a decimal string or a number); omitted while disabled keeps the current limit. */
    dynamicApproval: { enabled: boolean; annualLimit?: string | number };
    /** The reseller's currency: the limit has exactly its decimals (unknown: two). */
    currency?: string;
  };
  actorId: string;
  at: Date;
};

export type ApprovalPolicyState = { status: 'default' } | ({ status: 'set'; organizationId: string; resellerId: string } & ApprovalPolicy);

/** The policy of an organization whose policy was never set: no approvals, dynamic approval off, a limit of 0. */
export function defaultPolicy(currency?: string): ApprovalPolicy {
  return { approvalRequired: false, dynamicApproval: { enabled: false, annualLimit: formatAmount(0n, currency) } };
}

/** The policy in force, its limit with the decimals of the reseller's currency (also a limit recorded with two before). */
export function policyOf(state: ApprovalPolicyState, currency?: string): ApprovalPolicy {
  if (state.status === 'default') return defaultPolicy(currency);
  return { approvalRequired: state.approvalRequired, dynamicApproval: { enabled: state.dynamicApproval.enabled, annualLimit: amountIn(state.dynamicApproval.annualLimit, currency) } };
}

/** The annual limit to store, or the field errors that forbid it. */
function annualLimitOf(command: ApprovalPolicyCommand, current: ApprovalPolicy): string {
  const field = 'dynamicApproval.annualLimit';
  const { enabled, annualLimit } = command.data.dynamicApproval;
  if (annualLimit === undefined || annualLimit === null) {
    if (enabled) throw new InvalidApprovalPolicyError([{ field, message: 'annualLimit is required when dynamic approval is enabled' }]);
    return current.dynamicApproval.annualLimit;
  }
  const { currency } = command.data;
  const parsed = parseMoneyAmount(annualLimit, currency);
  if (!parsed.ok) throw new InvalidApprovalPolicyError([{ field, message: moneyErrorMessage('annualLimit', parsed.reason, currency) }]);
  return parsed.amount;
}

/** "Set to": the whole policy is given; nothing is recorded when it is already in force. */
export const approvalPolicyDecider: Decider<ApprovalPolicyCommand, ApprovalPolicyEvent, ApprovalPolicyState> = {
  initialState: () => ({ status: 'default' }),

  decide(command, state) {
    const current = policyOf(state, command.data.currency);
    const next: ApprovalPolicy = {
      approvalRequired: command.data.approvalRequired,
      dynamicApproval: { enabled: command.data.dynamicApproval.enabled, annualLimit: annualLimitOf(command, current) },
    };
    const unchanged =
      next.approvalRequired === current.approvalRequired &&
      next.dynamicApproval.enabled === current.dynamicApproval.enabled &&
      next.dynamicApproval.annualLimit === current.dynamicApproval.annualLimit;
    if (unchanged) return [];
    const { organizationId, resellerId } = command.data;
    return [{ type: 'ApprovalPolicySet', data: { organizationId, resellerId, ...next, setBy: command.actorId, setAt: command.at.toISOString() } }];
  },

  evolve(_state, event) {
    const { organizationId, resellerId, approvalRequired, dynamicApproval } = event.data;
    return { status: 'set', organizationId, resellerId, approvalRequired, dynamicApproval: { ...dynamicApproval } };
  },
};
