import { formatCents, parseMoneyAmount, moneyErrorMessage } from '@broker/contracts';
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
  };
  actorId: string;
  at: Date;
};

export type ApprovalPolicyState = { status: 'default' } | ({ status: 'set'; organizationId: string; resellerId: string } & ApprovalPolicy);

/** The policy of an organization whose policy was never set: no approvals, dynamic approval off. */
export const DEFAULT_POLICY: ApprovalPolicy = { approvalRequired: false, dynamicApproval: { enabled: false, annualLimit: formatCents(0n) } };

export function policyOf(state: ApprovalPolicyState): ApprovalPolicy {
  if (state.status === 'default') return DEFAULT_POLICY;
  return { approvalRequired: state.approvalRequired, dynamicApproval: { ...state.dynamicApproval } };
}

/** The annual limit to store, or the field errors that forbid it. */
function annualLimitOf(command: ApprovalPolicyCommand, current: ApprovalPolicy): string {
  const field = 'dynamicApproval.annualLimit';
  const { enabled, annualLimit } = command.data.dynamicApproval;
  if (annualLimit === undefined || annualLimit === null) {
    if (enabled) throw new InvalidApprovalPolicyError([{ field, message: 'annualLimit is required when dynamic approval is enabled' }]);
    return current.dynamicApproval.annualLimit;
  }
  const parsed = parseMoneyAmount(annualLimit);
  if (!parsed.ok) throw new InvalidApprovalPolicyError([{ field, message: moneyErrorMessage('annualLimit', parsed.reason) }]);
  return parsed.amount;
}

/** "Set to": the whole policy is given; nothing is recorded when it is already in force. */
export const approvalPolicyDecider: Decider<ApprovalPolicyCommand, ApprovalPolicyEvent, ApprovalPolicyState> = {
  initialState: () => ({ status: 'default' }),

  decide(command, state) {
    const current = policyOf(state);
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
