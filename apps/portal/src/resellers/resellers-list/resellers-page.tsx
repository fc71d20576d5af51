import { Group, Stack, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { CursorPager, useCursorPages } from '../../shared/cursor-pager';
import { useDeferredRows } from '../../shared/deferred-rows';
import { ErrorState } from '../../shared/query-states';
import { CreateResellerButton } from '../create-reseller/create-reseller-button';


/** The platform admin's Resellers, and New reseller. */
export default function ResellersPage() {
  const pages = useCursorPages();
  const resellers = useQuery({
    queryKey: ['resellers', ...pages.key],
    queryFn: async () => unwrap(await api.GET('/api/v1/resellers', { params: { query: { ...pages.query } } })),
    placeholderData: keepPreviousData,
  });
  const rows = useDeferredRows(resellers.data?.items);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>Resellers</Title>
        <CreateResellerButton />
      </Group>
      {resellers.isError ? (
        <ErrorState title="The resellers could not be loaded" error={resellers.error} onRetry={() => void resellers.refetch()} />
      ) : (
        <>
          <DataTable
            aria-label="Resellers"
            withTableBorder
            striped
            highlightOnHover
            minHeight={180}
            fetching={resellers.isFetching}
            records={rows}
            noRecordsText={resellers.isPending ? 'Loading resellers…' : 'No resellers yet'}
            columns={[
              { accessor: 'name', title: 'Name' },
              { accessor: 'currency', title: 'Currency' },
              {
                accessor: 'notificationEmail',
                title: 'Notification Email',
                visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.md})`,
                cellsStyle: () => ({ overflowWrap: 'anywhere' }),
              },
              {
                accessor: 'supportEmail',
                title: 'Support Email',
                visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.lg})`,
                cellsStyle: () => ({ overflowWrap: 'anywhere' }),
              },
              { accessor: 'createdAt', title: 'Created', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.sm})`, render: (reseller) => reseller.createdAt.slice(0, 10) },
            ]}
          />
          <CursorPager label="Resellers" pages={pages} nextCursor={resellers.data?.nextCursor} />
        </>
      )}
    </Stack>
  );
}
