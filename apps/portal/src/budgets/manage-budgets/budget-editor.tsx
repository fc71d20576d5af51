import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { showApiErrors } from '../../shared/form-errors';
import {
  amountProblem,
  BUDGET_FIELDS,
  budgetName,
  costCentreOf,
  costCentreProblem,
  emptyFields,
  MAX_COST_CENTRE,
  OVER_BUDGET_LABELS,
  PERIOD_LABELS,
  toFields,
  toRequestBody,
  type Budget,
  type BudgetFields,
  type Budgets,
  type BudgetPeriod,
  type OverBudget,
} from './budget-form';
import { formatAmount } from './budget-gauge';

const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

export const budgetsKey = (orgId: string) => ['budgets', orgId] as const;

const SCOPES = [
  { value: 'organization', label: 'The organization' },
  { value: 'cost_centre', label: 'A cost centre' },
];
const PERIODS = (Object.keys(PERIOD_LABELS) as BudgetPeriod[]).map((value) => ({ value, label: PERIOD_LABELS[value] }));
const CHOICES = (Object.keys(OVER_BUDGET_LABELS) as OverBudget[]).map((value) => ({ value, label: OVER_BUDGET_LABELS[value] }));

/**
 * The form of the organization's admins and billing admins: a new budget (the organization's own or a cost centre's),
 * or a change to the one given. A budget is set as a whole; it is in force for the very next order.
 */
export function BudgetEditor({ orgId, currency, budgets, editing, onDone }: { orgId: string; currency: string | null; budgets: Budget[]; editing: Budget | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    watch,
    handleSubmit,
    setError,
    setFocus,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<BudgetFields>({ defaultValues: editing ? toFields(editing) : emptyFields() });
  const scope = watch('scope');
  const label = watch('costCentre');

  // Change from a budget's card: the form takes its values, and the focus, at once.
  useEffect(() => {
    if (editing) setFocus('amount');
  }, [editing, setFocus]);

  const target = costCentreOf({ scope, costCentre: label });
  const replaces = !editing && target !== '' && budgets.some((budget) => budget.costCentre === target);

  const save = handleSubmit(async (fields) => {
    setFailure(null);
    const costCentre = costCentreOf(fields);
    const body = toRequestBody(fields);
    try {
      const answer = unwrap(
        costCentre === null
          ? await api.PUT('/api/v1/organizations/{orgId}/budgets/organization', { params: { path: { orgId } }, body })
          : await api.PUT('/api/v1/organizations/{orgId}/budgets/cost-centres/{costCentre}', { params: { path: { orgId, costCentre } }, body }),
      );
      queryClient.setQueryData(budgetsKey(orgId), answer satisfies Budgets);
      const saved = answer.budgets.find((budget) => budget.costCentre === costCentre);
      const name = budgetName(costCentre);
      notifications.show({
        color: 'green',
        title: 'Saved',
        message: `${capitalized(name)} is saved${saved ? `: ${formatAmount(saved.amount, answer.currency)} ${PERIOD_LABELS[saved.period].toLowerCase()}` : ''}, in force for the next order.`,
      });
      reset(emptyFields());
      onDone();
    } catch (error) {
      setFailure(showApiErrors(error, setError, BUDGET_FIELDS));
    }
  });

  const title = editing ? `Change ${budgetName(editing.costCentre)}` : 'Set a budget';
  return (
    <Paper withBorder p="md" component="form" onSubmit={(event) => void save(event)} noValidate aria-labelledby="budget-form-title">
      <Stack gap="md">
        <Title order={3} size="h4" id="budget-form-title">
          {title}
        </Title>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        {!editing && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect label="Budget of" data={SCOPES} {...register('scope')} />
            {scope === 'cost_centre' && (
              <TextInput
                label="Cost centre"
                description="The label orders carry for it"
                required
                maxLength={MAX_COST_CENTRE}
                error={errors.costCentre?.message}
                {...register('costCentre', { validate: (value, fields) => fields.scope !== 'cost_centre' || costCentreProblem(value) || true })}
              />
            )}
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={`Amount${currency ? ` (${currency})` : ''}`}
            description={`Per period, in ${currency ?? "the organization's currency"}`}
            inputMode="decimal"
            required
            error={errors.amount?.message}
            {...register('amount', { validate: (value) => amountProblem(value) ?? true })}
          />
          <NativeSelect label="Period" description="Calendar months, quarters or years (UTC)" data={PERIODS} error={errors.period?.message} {...register('period')} />
          <NativeSelect label="An order over the budget" description="Would take committed spend above it" data={CHOICES} error={errors.overBudget?.message} {...register('overBudget')} />
        </SimpleGrid>
        {replaces && <Text size="sm">{capitalized(budgetName(target))} is already set: saving replaces it.</Text>}
        <Group justify="flex-end">
          {editing && (
            <Button type="button" variant="default" disabled={isSubmitting} onClick={onDone}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={isSubmitting}>
            Save the budget
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
