import { organizationReaders } from '@broker/contracts';
import type { OrganizationRule } from '@broker/runtime';
import { DomainError } from '@broker/event-sourcing';

export class ApprovalChainsForbiddenError extends DomainError {
  constructor(action: 'read' | 'change') {
    super('APPROVAL_CHAINS.FORBIDDEN', `Your role may not ${action} the approval chains of this organization`);
  }
}

/** Whoever may see the organization's settings may see who approves. */
export const CHAINS_READERS: OrganizationRule = {
  roles: organizationReaders('reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer'),
  forbidden: () => new ApprovalChainsForbiddenError('read'),
};

/** The organization's own admins choose their approvers (the reseller keeps its own step and policy). */
export const CHAINS_WRITERS: OrganizationRule = { roles: ['org_admin'], forbidden: () => new ApprovalChainsForbiddenError('change') };
