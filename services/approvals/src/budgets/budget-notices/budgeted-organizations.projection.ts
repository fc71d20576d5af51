import type { Projection } from '@broker/read-models';
import type { BudgetsEvent } from '../domain/budgets.events';

/** An organization with at least one budget (removed with its last one): what the budget notices look at. */
export interface BudgetedOrganization {
  organizationId: string;
  resellerId: string;
  /** '' for the organization's own budget, else the cost centre's label. */
  budgets: string[];
}

export const budgetedOrganizationsProjection: Projection<BudgetedOrganization> = {
  name: 'budgeted_organizations',
  version: 1,
  handles: ['BudgetSet', 'BudgetRemoved'],
  documentId: (event) => String(event.data.organizationId),
  evolve(document, recorded) {
    const event = { type: recorded.type, data: recorded.data } as unknown as Extract<BudgetsEvent, { type: 'BudgetSet' | 'BudgetRemoved' }>;
    const key = event.data.costCentre ?? '';
    const others = (document?.budgets ?? []).filter((k) => k !== key);
    const budgets = event.type === 'BudgetSet' ? [...others, key].sort() : others;
    return budgets.length === 0 ? null : { organizationId: event.data.organizationId, resellerId: event.data.resellerId, budgets };
  },
};
