import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { formatInstant } from '../../transactions/shared/transaction-format';
import { budgetName, budgetTitle, OVER_BUDGET_TEXT, PERIOD_LABELS, type Budget } from './budget-form';
import { noticesText } from './budget-gauge';
import { BudgetGaugeBar } from './budget-gauge-bar';

/** One budget: its gauge of committed spend, period, what happens over it, the notices sent; Change and Remove for writers. */
export function BudgetCard({
  budget,
  currency,
  setBy,
  onEdit,
  onRemove,
}: {
  budget: Budget;
  currency: string | null;
  /** Who set it, as far as the reader may know. */
  setBy: string | null;
  /** Absent for a reader. */
  onEdit?: () => void;
  onRemove?: () => void;
}) {
  const titleId = useId();
  const name = budgetName(budget.costCentre);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h4" id={titleId}>
            {budgetTitle(budget.costCentre)}
          </Title>
          {onEdit && onRemove && (
            <Group gap="xs">
              <Button size="compact-sm" variant="default" onClick={onEdit} aria-label={`Change ${name}`}>
                Change
              </Button>
              <Button size="compact-sm" variant="default" color="red.9" onClick={onRemove} aria-label={`Remove ${name}`}>
                Remove
              </Button>
            </Group>
          )}
        </Group>
        <BudgetGaugeBar budget={budget} currency={currency} />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
          <Fact label="Period" value={`${PERIOD_LABELS[budget.period]} (now ${budget.currentPeriod.key})`} />
          <Fact label="Over budget" value={OVER_BUDGET_TEXT[budget.overBudget]} />
          <Fact label="Notices" value={noticesText(budget.noticesSent, budget.currentPeriod.key)} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          Set {setBy ? `by ${setBy} ` : ''}at {formatInstant(budget.setAt)}
        </Text>
      </Stack>
    </Paper>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}
