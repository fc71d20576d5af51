import { organizationReaders } from '@broker/contracts';
import type { OrganizationRule } from '@broker/runtime';
import { ApprovalPolicyForbiddenError } from './domain/approval-policy.errors';

export const POLICY_READERS: OrganizationRule = {
  roles: organizationReaders('reseller_admin', 'org_admin', 'org_viewer'),
  forbidden: () => new ApprovalPolicyForbiddenError('read'),
};

export const POLICY_WRITERS: OrganizationRule = { roles: ['reseller_admin'], forbidden: () => new ApprovalPolicyForbiddenError('change') };
