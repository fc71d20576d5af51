import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import type { Transaction } from '../shared/find-transaction';
import { useSessionUser } from '../../auth/use-session';
import { CursorPager, useCursorPages } from '../../shared/cursor-pager';
import { useDeferredRows } from '../../shared/deferred-rows';
import { ErrorState } from '../../shared/query-states';
import { useOrganizationPeople } from '../shared/people';
import { personName } from '../shared/person-label';
import { StatusBadge } from '../shared/transaction-details';
import { formatInstant, formatMoney, quantityChange, TRANSACTION_KINDS } from '../shared/transaction-format';
import { WithdrawButton } from '../shared/withdraw-button';


/** An organization's transactions, newest first: status, decider, comment or reason; the requester may Withdraw. */
export default function TransactionsPage() {
  const { orgId = '' } = useParams();
  const me = useSessionUser();
  const pages = useCursorPages();
  const organization = useQuery({
    queryKey: ['organization', orgId],
    queryFn: async () => unwrap(await api.GET('/api/v1/organizations/{orgId}', { params: { path: { orgId } } })),
  });
  const people = useOrganizationPeople(orgId);
  const query = useQuery({
    queryKey: ['transactions', orgId, ...pages.key],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/organizations/{orgId}/transactions', {
          params: { path: { orgId }, query: { ...pages.query } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const rows = useDeferredRows(query.data?.items);
  // Rows this page withdrew, until the list (a read model) shows it too.
  const [withdrawn, setWithdrawn] = useState<Record<string, Transaction>>({});
  const mayWithdraw = me?.role === 'reseller_admin' || me?.role === 'org_admin';

  return (
    <Stack gap="sm">
      <Title order={2}>Transactions{organization.data ? ` of ${organization.data.name}` : ''}</Title>
      {query.isError ? (
        <ErrorState title="The transactions could not be loaded" error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <DataTable
            aria-label="Transactions"
            withTableBorder
            striped
            highlightOnHover
            minHeight={180}
            fetching={query.isFetching}
            records={rows.map((t) => withdrawn[t.id] ?? t)}
            noRecordsText={query.isPending ? 'Loading transactions…' : 'No transactions yet'}
            columns={[
              {
                accessor: 'requestedAt',
                title: 'Requested',
                noWrap: true,
                render: (t) => (
                  <Anchor component={Link} to={`/organizations/${orgId}/transactions/${t.id}`} size="sm" c="indigo.9" aria-label={`Open the ${TRANSACTION_KINDS[t.type].toLowerCase()} of ${t.productName} requested ${formatInstant(t.requestedAt)}`}>
                    {formatInstant(t.requestedAt)}
                  </Anchor>
                ),
              },
              { accessor: 'type', title: 'Request', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.md})`, render: (t) => TRANSACTION_KINDS[t.type] },
              { accessor: 'productName', title: 'Product' },
              { accessor: 'quantity', title: 'Quantity', textAlign: 'right', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.sm})`, render: (t) => quantityChange(t) },
              { accessor: 'annualValue', title: 'Annual value', textAlign: 'right', noWrap: true, visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.md})`, render: (t) => formatMoney(t.annualValue, t.currency) },
              { accessor: 'status', title: 'Status', noWrap: true, render: (t) => <StatusBadge status={t.status} /> },
              {
                accessor: 'decidedBy',
                title: 'Decided by',
                visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.sm})`,
                render: (t) => (t.decidedBy ? personName(t.decidedBy, people.data, me) : ''),
              },
              {
                accessor: 'comment',
                title: 'Comment or reason',
                visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.lg})`,
                render: (t) => (
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {t.reason ?? t.comment ?? ''}
                  </Text>
                ),
              },
              {
                accessor: 'actions',
                title: 'Actions',
                textAlign: 'right',
                hidden: !mayWithdraw,
                render: (t) =>
                  t.status === 'pending_approval' && t.requestedBy === me?.id ? (
                    <Group justify="flex-end">
                      <WithdrawButton transaction={t} size="compact-sm" onWithdrawn={(done) => setWithdrawn((earlier) => ({ ...earlier, [done.id]: done }))} />
                    </Group>
                  ) : null,
              },
            ]}
          />
          <CursorPager label="Transactions" pages={pages} nextCursor={query.data?.nextCursor} />
        </>
      )}
    </Stack>
  );
}
