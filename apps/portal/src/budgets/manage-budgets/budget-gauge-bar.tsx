import { Badge, Box, Group, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import type { Budget } from './budget-form';
import { formatAmount, gaugeLabel, gaugeLevel, gaugeValue, LEVEL_COLORS, LEVEL_LABELS } from './budget-gauge';

/**
 * Committed spend against the budget as a meter (role "meter", named by its visible label, valued in percent of the
 * budget), coloured from 80 % and from 100 %, with the level in words and the amounts below.
 */
export function BudgetGaugeBar({ budget, currency }: { budget: Budget; currency: string | null }) {
  const labelId = useId();
  const label = gaugeLabel(budget, currency);
  const level = gaugeLevel(budget.percentUsed);
  const value = gaugeValue(budget.percentUsed);
  const color = LEVEL_COLORS[level];
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text id={labelId} size="sm" fw={600}>
          {label}
        </Text>
        <Badge color={color} variant="filled" autoContrast>
          {LEVEL_LABELS[level]}
        </Badge>
      </Group>
      <Box
        role="meter"
        aria-labelledby={labelId}
        aria-valuemin={value.min}
        aria-valuemax={value.max}
        aria-valuenow={value.now}
        aria-valuetext={label}
        h={12}
        bg="gray.2"
        style={{ borderRadius: 6, overflow: 'hidden', border: '1px solid var(--mantine-color-gray-5)' }}
      >
        <Box h="100%" w={`${value.now}%`} bg={color} />
      </Box>
      <Text size="sm">
        Committed spend: {formatAmount(budget.committedSpend, currency)} of {formatAmount(budget.amount, currency)}, from {budget.currentPeriod.from} to {budget.currentPeriod.to}
      </Text>
    </Stack>
  );
}
