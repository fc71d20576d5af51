import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { budgetName, type Budgets } from './budget-form';

/** Remove a budget after a confirmation: from the next order on, committed spend is no longer held to it. */
export function RemoveBudgetDialog({
  orgId,
  costCentre,
  onClose,
  onRemoved,
}: {
  orgId: string;
  /** Null: the organization's own budget. */
  costCentre: string | null;
  onClose: () => void;
  onRemoved: (budgets: Budgets) => void;
}) {
  const remove = async () => {
    const result =
      costCentre === null
        ? await api.DELETE('/api/v1/organizations/{orgId}/budgets/organization', { params: { path: { orgId } } })
        : await api.DELETE('/api/v1/organizations/{orgId}/budgets/cost-centres/{costCentre}', { params: { path: { orgId, costCentre } } });
    onRemoved(unwrap(result));
  };

  return (
    <ConfirmDialog title="Remove the budget" confirmLabel="Remove" centered onClose={onClose} onConfirm={remove}>
      Remove {budgetName(costCentre)}? From the next order on, its spend is no longer held to it{costCentre === null ? " (the cost centres' budgets stay)" : ''}.
    </ConfirmDialog>
  );
}
