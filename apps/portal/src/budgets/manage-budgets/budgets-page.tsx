import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { useSessionUser } from '../../auth/use-session';
import { ErrorState, LoadingState } from '../../shared/query-states';
import { useOrganizationPeople } from '../../transactions/shared/people';
import { personLabel } from '../../transactions/shared/person-label';
import { BUDGET_WRITERS } from '../shared/budgets-link';
import { budgetName, type Budget } from './budget-form';
import { BudgetCard } from './budget-card';
import { BudgetEditor, budgetsKey } from './budget-editor';
import { RemoveBudgetDialog } from './remove-budget-dialog';

/** The roles that may read an organization's users list, to name who set a budget (the API refuses the others). */
const USER_LIST_READERS: readonly string[] = ['reseller_admin', 'org_admin', 'org_viewer'];

/**
 * An organization's budgets, each with a gauge of the spend committed in its current period, what happens to an order
 * over it and the notices sent. Its admins and billing admins set, change and remove them; its viewers and the
 * reseller read them. The budget notice e-mails link here.
 */
export default function BudgetsPage() {
  const { orgId = '' } = useParams();
  const me = useSessionUser();
  const queryClient = useQueryClient();
  const mayEdit = BUDGET_WRITERS.includes(me?.role ?? '');
  const [editing, setEditing] = useState<Budget | null>(null);
  const [removing, setRemoving] = useState<Budget | null>(null);
  const budgets = useQuery({
    queryKey: budgetsKey(orgId),
    queryFn: async () => unwrap(await api.GET('/api/v1/organizations/{orgId}/budgets', { params: { path: { orgId } } })),
  });
  // Only to name who set a budget: asked by the roles that may read the organization's users.
  const people = useOrganizationPeople(USER_LIST_READERS.includes(me?.role ?? '') ? orgId : undefined);

  if (budgets.isError) return <ErrorState title="The budgets could not be loaded" error={budgets.error} onRetry={() => void budgets.refetch()} />;
  if (!budgets.data) return <LoadingState label="Loading the budgets" />;

  const { currency, budgets: list } = budgets.data;
  // Budgets are set by the organization's own users: one not found (or not readable) is left unnamed.
  const setByName = (id: string) => ((me && id === me.id) || people.data?.has(id) ? personLabel(id, people.data, me) : null);
  const keyOf = (budget: Budget | null) => (budget === null ? 'new' : budget.costCentre === null ? 'organization' : `cost-centre:${budget.costCentre}`);

  return (
    <Stack gap="md" maw={820}>
      {me?.role === 'reseller_admin' && (
        <Anchor component={Link} to={`/organizations/${orgId}`} size="sm">
          ← The organization
        </Anchor>
      )}
      <div>
        <Title order={2}>Budgets</Title>
        <Text size="sm" c="dimmed">
          Committed spend is what the subscriptions in a budget's scope will cost over its current month, quarter or year. An order or quantity change that would take it
          above a budget needs approval or is refused, as the budget says; the billing admins are e-mailed at 80 % and 100 %.
        </Text>
      </div>
      {!mayEdit && <Text size="sm">You can read the budgets; an organizational admin or billing admin sets them.</Text>}
      <Stack gap="sm" component="section" aria-label="Budgets of the organization">
        {list.length === 0 ? (
          <Paper withBorder p="md">
            <Text>No budget is set: orders are not held to any.</Text>
          </Paper>
        ) : (
          list.map((budget) => (
            <BudgetCard
              key={keyOf(budget)}
              budget={budget}
              currency={currency}
              setBy={setByName(budget.setBy)}
              onEdit={mayEdit ? () => setEditing(budget) : undefined}
              onRemove={mayEdit ? () => setRemoving(budget) : undefined}
            />
          ))
        )}
      </Stack>
      {mayEdit && (
        // A new target (another budget to change, or a new one) starts the form again from its values.
        <BudgetEditor key={keyOf(editing)} orgId={orgId} currency={currency} budgets={list} editing={editing} onDone={() => setEditing(null)} />
      )}
      {removing && (
        <RemoveBudgetDialog
          orgId={orgId}
          costCentre={removing.costCentre}
          onClose={() => setRemoving(null)}
          onRemoved={(answer) => {
            queryClient.setQueryData(budgetsKey(orgId), answer);
            if (editing && editing.costCentre === removing.costCentre) setEditing(null);
            setRemoving(null);
            const name = budgetName(removing.costCentre);
            notifications.show({ color: 'green', title: 'Removed', message: `${name.charAt(0).toUpperCase()}${name.slice(1)} is removed: orders are no longer held to it.` });
          }}
        />
      )}
    </Stack>
  );
}
