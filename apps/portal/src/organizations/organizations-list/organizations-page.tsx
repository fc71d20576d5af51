import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { Link } from 'react-router';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { CursorPager, useCursorPages } from '../../shared/cursor-pager';
import { CreateOrganizationButton } from '../create-organization/create-organization-button';
import { ErrorState } from '../../shared/query-states';

const PAGE_SIZE = 25;

/** The reseller's Organizations: the Users column opens that organization's users, Edit its details and settings. */
export default function OrganizationsPage() {
  const pages = useCursorPages();
  const query = useQuery({
    queryKey: ['organizations', pages.cursor],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/organizations', { params: { query: { limit: PAGE_SIZE, ...(pages.cursor ? { cursor: pages.cursor } : {}) } } })),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>Organizations</Title>
        <CreateOrganizationButton />
      </Group>
      {query.isError ? (
        <ErrorState title="The organizations could not be loaded" error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <DataTable
            aria-label="Organizations"
            withTableBorder
            striped
            highlightOnHover
            minHeight={180}
            fetching={query.isFetching}
            loaderBackgroundBlur={1}
            records={query.data?.items ?? []}
            noRecordsText={query.isPending ? 'Loading organizations…' : 'No organizations yet'}
            columns={[
              { accessor: 'name', title: 'Name' },
              { accessor: 'primaryDomain', title: 'Domain', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.sm})` },
              {
                accessor: 'usersCount',
                title: 'Users',
                textAlign: 'right',
                render: (organization) => (
                  <Anchor component={Link} to={`/organizations/${organization.id}/users`} aria-label={`Users of ${organization.name}: ${organization.usersCount}`}>
                    {organization.usersCount}
                  </Anchor>
                ),
              },
              {
                accessor: 'createdAt',
                title: 'Created',
                visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.md})`,
                render: (organization) => <Text size="sm">{organization.createdAt.slice(0, 10)}</Text>,
              },
              {
                accessor: 'actions',
                title: 'Actions',
                textAlign: 'right',
                render: (organization) => (
                  <Button component={Link} to={`/organizations/${organization.id}`} size="compact-sm" variant="light" aria-label={`Edit ${organization.name}`}>
                    Edit
                  </Button>
                ),
              },
            ]}
          />
          <CursorPager label="Organizations" page={pages.page} nextCursor={query.data?.nextCursor} onNext={pages.next} onPrevious={pages.previous} />
        </>
      )}
    </Stack>
  );
}
