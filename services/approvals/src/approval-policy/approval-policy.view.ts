import type { ApprovalPolicyView } from '@broker/contracts';
import { policyOf, type ApprovalPolicyState } from './domain/approval-policy.decider';

export function toApprovalPolicyView(organizationId: string, state: ApprovalPolicyState, version: string): ApprovalPolicyView {
  return { organizationId, ...policyOf(state), version };
}
