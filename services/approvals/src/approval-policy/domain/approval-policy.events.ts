/**
 * Internal events of an organization's approval policy stream (`approval-policy-<organizationId>`). Each records
 * the whole policy after the change, so the policy in force is the last event.
 */
export type ApprovalPolicyEvent = {
  type: 'ApprovalPolicySet';
  data: {
    organizationId: string;
    resellerId: string;
    approvalRequired: boolean;
    dynamicApproval: { enabled: boolean; annualLimit: string };
    setBy: string;
    setAt: string;
  };
};

export const approvalPolicyStreamId = (organizationId: string): string => `approval-policy-${organizationId}`;
