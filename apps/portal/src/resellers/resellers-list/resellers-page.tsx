import { Group, Stack, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { CursorPager, useCursorPages } from '../../shared/cursor-pager';
import { ErrorState } from '../../shared/query-states';
import { CreateResellerButton } from '../create-reseller/create-reseller-button';

const PAGE_SIZE = 50;

/** The platform admin's Resellers, and New reseller. */
export default function ResellersPage() {
  const pages = useCursorPages();
  const resellers = useQuery({
    queryKey: ['resellers', pages.cursor],
    queryFn: async () => unwrap(await api.GET('/api/v1/resellers', { params: { query: { limit: PAGE_SIZE, ...(pages.cursor ? { cursor: pages.cursor } : {}) } } })),
    placeholderData: keepPreviousData,
  });

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
            loaderBackgroundBlur={1}
            records={resellers.data?.items ?? []}
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
          <CursorPager label="Resellers" page={pages.page} nextCursor={resellers.data?.nextCursor} onNext={pages.next} onPrevious={pages.previous} />
        </>
      )}
    </Stack>
  );
}
