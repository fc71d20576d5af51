import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, messageOf } from '../../api/problem';
import { useSessionUser } from '../../auth/use-session';
import { ErrorState, LoadingState } from '../../shared/query-states';
import { ActivityFiltersForm } from './activity-filters-form';
import { activityQuery, activityScope, filtersOfSearch, filtersSearch, knownActors, type ActivityFilters, type ActivityScope } from './activity-format';
import { fetchActivityCsv, fetchActivityPage } from './activity-requests';
import { ActivityTable } from './activity-table';

const PAGE_SIZE = 50;

const TITLES: Record<ActivityScope['kind'], string> = {
  organization: "The organization's actions",
  reseller: "Your reseller's actions and its organizations'",
  platform: 'Every action on the platform',
};

/**
 * The activity log: who did what, to what and when, newest first, filtered by action, actor and days (kept in the
 * address), 50 at a time with Load more; Export CSV downloads every matching entry. An organization's at
 * `/organizations/:orgId/activity`; at `/activity` the reseller admin's reseller's, or the platform admin's whole
 * platform's.
 */
export default function ActivityLogPage() {
  const { orgId } = useParams();
  const me = useSessionUser();
  const scope = useMemo(() => activityScope(me, orgId), [me, orgId]);
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.toString();
  const filters = useMemo(() => filtersOfSearch(new URLSearchParams(search)), [search]);
  const query = useMemo(() => activityQuery(filters), [filters]);

  const list = useInfiniteQuery({
    queryKey: ['activity', scope, query],
    queryFn: ({ pageParam }) => fetchActivityPage(scope!, { ...query, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: scope !== null,
  });
  const entries = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);

  // The actor filter offers everyone seen so far, kept when a filter narrows the list.
  const [seenActors, setSeenActors] = useState<ReadonlyMap<string, string>>(() => new Map());
  const actors = useMemo(() => {
    const seen = knownActors(entries, seenActors);
    if (filters.actorId && !['system', 'policy'].includes(filters.actorId) && !seen.has(filters.actorId)) seen.set(filters.actorId, filters.actorId);
    return seen;
  }, [entries, seenActors, filters.actorId]);
  const apply = (next: ActivityFilters) => {
    setSeenActors(actors);
    setSearchParams(new URLSearchParams(filtersSearch(next)));
  };

  const [exporting, setExporting] = useState(false);
  const [exportFailure, setExportFailure] = useState<string | null>(null);
  const [exportNote, setExportNote] = useState<string | null>(null);
  const exportCsv = async () => {
    if (!scope) return;
    setExportFailure(null);
    setExportNote(null);
    setExporting(true);
    try {
      const { csv, name, more } = await fetchActivityCsv(scope, query);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(csv);
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      if (more) setExportNote('The file holds the newest 10,000 matching entries: narrow the days to export the older ones.');
    } catch (error) {
      setExportFailure(messageOf(error));
    } finally {
      setExporting(false);
    }
  };

  if (!scope) {
    return (
      <Stack gap="sm">
        <Title order={2}>Activity log</Title>
        <Alert color="yellow" role="alert">
          Your role has no activity log here.
        </Alert>
      </Stack>
    );
  }

  const filtered = Object.keys(query).length > 0;
  const forbidden = list.error instanceof ApiError && list.error.status === 403;
  return (
    <Stack gap="sm">
      {me?.role === 'reseller_admin' && scope.kind === 'organization' && (
        <Anchor component={Link} to={`/organizations/${scope.orgId}`} size="sm">
          ← The organization
        </Anchor>
      )}
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Activity log</Title>
          <Text size="sm" c="dimmed">
            Who did what, to what and when, newest first. An action shows here a moment after it is done.
          </Text>
        </div>
        {!forbidden && (
          <Button variant="default" onClick={() => void exportCsv()} loading={exporting}>
            Export CSV
          </Button>
        )}
      </Group>
      {!forbidden && <ActivityFiltersForm filters={filters} actors={actors} onApply={apply} />}
      {exportFailure && (
        <Alert color="red" role="alert">
          The CSV file could not be exported: {exportFailure}
        </Alert>
      )}
      {exportNote && (
        <Alert color="blue" role="status">
          {exportNote}
        </Alert>
      )}
      {list.isError && !list.data ? (
        forbidden ? (
          <ErrorState title="You may not read this activity log" error={list.error} />
        ) : (
          <ErrorState title="The activity log could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
        )
      ) : list.isPending ? (
        <LoadingState label="Loading the activity log" />
      ) : entries.length === 0 ? (
        <Paper withBorder p="md">
          <Text>{filtered ? 'No activity matches these filters.' : 'No activity yet.'}</Text>
        </Paper>
      ) : (
        <>
          <ActivityTable entries={entries} caption={`${TITLES[scope.kind]}${filtered ? ' (filtered)' : ''}: ${entries.length} shown`} />
          {list.isFetchNextPageError && <ErrorState title="More entries could not be loaded" error={list.error} onRetry={() => void list.fetchNextPage()} />}
          <Group justify="center">
            {list.hasNextPage ? (
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                Load more
              </Button>
            ) : (
              <Text size="sm" c="dimmed">
                That is all{filtered ? ' that matches' : ''}.
              </Text>
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}
