import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/api-client';
import { messageOf, unwrap } from '../../api/problem';
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
  const [failure, setFailure] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const name = budgetName(costCentre);

  const remove = async () => {
    setFailure(null);
    setRemoving(true);
    try {
      const result =
        costCentre === null
          ? await api.DELETE('/api/v1/organizations/{orgId}/budgets/organization', { params: { path: { orgId } } })
          : await api.DELETE('/api/v1/organizations/{orgId}/budgets/cost-centres/{costCentre}', { params: { path: { orgId, costCentre } } });
      onRemoved(unwrap(result));
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setRemoving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title="Remove the budget" centered>
      <Stack gap="sm">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Text size="sm">
          Remove {name}? From the next order on, its spend is no longer held to it{costCentre === null ? " (the cost centres' budgets stay)" : ''}.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red.9" loading={removing} onClick={() => void remove()}>
            Remove
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
