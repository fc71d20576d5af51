import type { ApprovalPolicyView } from '@broker/contracts';
import { policyOf, type ApprovalPolicyState } from './domain/approval-policy.decider';

/** `currency`: the reseller's, whose decimals the limit has. */
export function toApprovalPolicyView(organizationId: string, state: ApprovalPolicyState, version: string, currency?: string): ApprovalPolicyView {
  return { organizationId, ...policyOf(state, currency), version };
}
