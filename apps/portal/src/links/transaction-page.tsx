import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../api/api-client';
import { unwrap } from '../api/problem';
import { useSessionUser } from '../auth/use-session';
import { ErrorState, LoadingState } from '../shared/query-states';
import { useOrganizationPeople } from '../transactions/shared/people';
import { decisionSummary, TransactionDetails, TransactionHistory } from '../transactions/shared/transaction-details';
import { useTransaction } from '../transactions/shared/use-transaction';
import { WithdrawButton } from '../transactions/shared/withdraw-button';

/**
 * One transaction of an organization: where the decision e-mail's link (`/organizations/{orgId}/transactions/
 * {transactionId}`) leads. Its status, decider and comment or reason, and its history.
 */
export default function TransactionPage() {
  const { orgId = '', transactionId = '' } = useParams();
  const me = useSessionUser();
  const mayRead = me?.role === 'reseller_admin' || ((me?.role === 'org_admin' || me?.role === 'org_viewer') && me.organizationId === orgId);
  const organization = useQuery({
    queryKey: ['organization', orgId],
    enabled: mayRead,
    queryFn: async () => unwrap(await api.GET('/api/v1/organizations/{orgId}', { params: { path: { orgId } } })),
  });
  const { transaction, history } = useTransaction(mayRead ? orgId : undefined, transactionId);
  const people = useOrganizationPeople(mayRead ? orgId : undefined);

  const body = () => {
    if (!mayRead) return <Alert color="yellow">Your role does not see this organization&apos;s transactions.</Alert>;
    if (transaction.isError) return <ErrorState title="The transaction could not be loaded" error={transaction.error} onRetry={() => void transaction.refetch()} />;
    if (transaction.isPending) return <LoadingState label="Loading the transaction" />;
    const t = transaction.data;
    if (!t)
      return (
        <Alert color="blue" title="Transaction not found" role="status">
          <Text size="sm">No transaction {transactionId} was found in this organization. A request made a moment ago may take a few seconds to appear.</Text>
          <Button mt="sm" size="xs" variant="light" onClick={() => void transaction.refetch()}>
            Look again
          </Button>
        </Alert>
      );
    const summary = decisionSummary(t, people.data, me);
    return (
      <>
        {summary && (
          <Alert color="blue" role="status">
            {summary}.
          </Alert>
        )}
        {t.status === 'pending_approval' && (
          <Group>
            <Text size="sm">Waiting for the reseller&apos;s approval.</Text>
            {me?.role === 'reseller_admin' && (
              <Button component={Link} to={`/approvals/${t.id}?organization=${orgId}`} size="xs">
                Decide
              </Button>
            )}
            {me?.id === t.requestedBy && <WithdrawButton transaction={t} size="xs" />}
          </Group>
        )}
        <TransactionDetails transaction={t} organizationName={organization.data?.name} people={people.data} me={me} />
        <TransactionHistory history={history} currency={t.currency} people={people.data} me={me} />
      </>
    );
  };

  return (
    <Stack gap="md" maw={960}>
      {mayRead && (
        <Anchor component={Link} to={`/organizations/${orgId}/transactions`} size="sm">
          ← Transactions
        </Anchor>
      )}
      <Title order={2}>Transaction</Title>
      {body()}
    </Stack>
  );
}
