import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { Link } from 'react-router';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { CursorPager, useCursorPages } from '../../shared/cursor-pager';
import { useDeferredRows } from '../../shared/deferred-rows';
import { CreateOrganizationButton } from '../create-organization/create-organization-button';
import { ErrorState } from '../../shared/query-states';


/** The reseller's Organizations: the Users column opens that organization's users, Edit its details and settings. */
export default function OrganizationsPage() {
  const pages = useCursorPages(25);
  const query = useQuery({
    queryKey: ['organizations', ...pages.key],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/organizations', { params: { query: { ...pages.query } } })),
    placeholderData: keepPreviousData,
  });
  const rows = useDeferredRows(query.data?.items);

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
            records={rows}
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
          <CursorPager label="Organizations" pages={pages} nextCursor={query.data?.nextCursor} />
        </>
      )}
    </Stack>
  );
}
