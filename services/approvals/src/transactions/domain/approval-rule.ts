/** Which rule decided whether a transaction needed approval: recorded with the request for the audit trail. */
export type AppliedPolicy = 'reseller_staff' | 'dynamic_limit' | 'approval_required' | 'none';

export interface PolicyInForce {
  approvalRequired: boolean;
  dynamicApproval: { enabled: boolean; annualLimitCents: bigint };
}

/**
 * Reseller staff's own requests are approved on request. Dynamic approval, when enabled, replaces the approval
 * process: approval is needed exactly when the annual value is greater than the limit. Otherwise the approval
 * process decides; with neither, the transaction is approved at once.
 */
export function approvalRule(policy: PolicyInForce, annualValue: bigint, requestedByResellerStaff: boolean): { needsApproval: boolean; appliedPolicy: AppliedPolicy } {
  if (requestedByResellerStaff) return { needsApproval: false, appliedPolicy: 'reseller_staff' };
  if (policy.dynamicApproval.enabled) return { needsApproval: annualValue > policy.dynamicApproval.annualLimitCents, appliedPolicy: 'dynamic_limit' };
  if (policy.approvalRequired) return { needsApproval: true, appliedPolicy: 'approval_required' };
  return { needsApproval: false, appliedPolicy: 'none' };
}
