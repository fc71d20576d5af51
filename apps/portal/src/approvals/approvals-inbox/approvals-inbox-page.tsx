import { Button, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { Link } from 'react-router';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { useSessionUser } from '../../auth/use-session';
import { CursorPager, useCursorPages } from '../../shared/cursor-pager';
import { useDeferredRows } from '../../shared/deferred-rows';
import { ErrorState } from '../../shared/query-states';
import { useOrganizationPeople } from '../../transactions/shared/people';
import { personName } from '../../transactions/shared/person-label';
import { formatInstant, formatMoney, quantityChange, TRANSACTION_KINDS } from '../../transactions/shared/transaction-format';

type PendingApproval = components['schemas']['PendingApprovalResponse'];


/**
 * The approvals inbox, newest first; Open shows one to decide it: for a reseller admin, its organizations' requests at
 * the reseller's step; for an organization's approver, the requests whose current approval step names them.
 */
export default function ApprovalsInboxPage() {
  const me = useSessionUser();
  const pages = useCursorPages();
  const query = useQuery({
    queryKey: ['approvals', 'pending', ...pages.key],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/approvals', { params: { query: { status: 'pending', ...pages.query } } })),
    placeholderData: keepPreviousData,
  });
  const rows = useDeferredRows(query.data?.items);

  return (
    <Stack gap="sm">
      <Title order={2}>Approvals</Title>
      <Text size="sm" c="dimmed">
        {me?.role === 'reseller_admin' ? 'Requests of your organizations waiting for a decision.' : 'Requests waiting for your approval step.'}
      </Text>
      {query.isError ? (
        <ErrorState title="The pending approvals could not be loaded" error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <DataTable
            aria-label="Pending approvals"
            withTableBorder
            striped
            highlightOnHover
            minHeight={180}
            fetching={query.isFetching}
            idAccessor="transactionId"
            records={rows}
            noRecordsText={query.isPending ? 'Loading pending approvals…' : 'No requests waiting for approval'}
            columns={[
              { accessor: 'organizationName', title: 'Organization' },
              { accessor: 'type', title: 'Request', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.sm})`, render: (item) => TRANSACTION_KINDS[item.type] },
              { accessor: 'productName', title: 'Product' },
              { accessor: 'quantity', title: 'Quantity', textAlign: 'right', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.sm})`, render: (item) => quantityChange(item) },
              { accessor: 'annualValue', title: 'Annual value', textAlign: 'right', noWrap: true, render: (item) => formatMoney(item.annualValue, item.currency) },
              { accessor: 'requestedBy', title: 'Requested by', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.md})`, render: (item) => <Requester item={item} /> },
              { accessor: 'requestedAt', title: 'Requested at', noWrap: true, visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.lg})`, render: (item) => formatInstant(item.requestedAt) },
              {
                accessor: 'actions',
                title: 'Actions',
                textAlign: 'right',
                render: (item) => (
                  <Button
                    component={Link}
                    to={`/approvals/${item.transactionId}?organization=${item.organizationId}`}
                    size="compact-sm"
                    variant="light"
                    aria-label={`Open the request of ${item.organizationName} for ${item.productName}`}
                  >
                    Open
                  </Button>
                ),
              },
            ]}
          />
          <CursorPager label="Pending approvals" pages={pages} nextCursor={query.data?.nextCursor} />
        </>
      )}
    </Stack>
  );
}

function Requester({ item }: { item: PendingApproval }) {
  const me = useSessionUser();
  const people = useOrganizationPeople(item.organizationId);
  return <>{personName(item.requestedBy, people.data, me)}</>;
}
