import { organizationReaders } from '@broker/contracts';
import { DomainError } from '@broker/event-sourcing';
import type { OrganizationRule } from '@broker/runtime';

export class BudgetsForbiddenError extends DomainError {
  constructor(action: 'read' | 'change') {
    super('BUDGET.FORBIDDEN', `Your role may not ${action} the budgets of this organization`);
  }
}

/** Whoever may see the organization's settings may see its budgets and where spend stands. */
export const BUDGET_READERS: OrganizationRule = {
  roles: organizationReaders('reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer'),
  forbidden: () => new BudgetsForbiddenError('read'),
};

/** The organization's admins and billing admins set its budgets (the reseller keeps its own approval policy). */
export const BUDGET_WRITERS: OrganizationRule = { roles: ['org_admin', 'org_billing_admin'], forbidden: () => new BudgetsForbiddenError('change') };
