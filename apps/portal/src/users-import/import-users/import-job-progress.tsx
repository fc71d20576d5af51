import { Alert, Badge, Group, Paper, Progress, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useMemo, useState } from 'react';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { ErrorState, LoadingState } from '../../shared/query-states';

type Job = components['schemas']['ImportJobResponse'];
type Show = 'all' | 'failed' | 'created';

interface RowResult {
  row: number;
  created: boolean;
  detail: string;
}

const PAGE_SIZE = 50;
const POLL_MS = 1000;

/** An import job as it runs: its progress, then each row's result (created, or failed with its reasons). */
export function ImportJobProgress({ orgId, jobId }: { orgId: string; jobId: string }) {
  const [show, setShow] = useState<Show>('all');
  const [page, setPage] = useState(1);
  const job = useQuery({
    queryKey: ['import-job', orgId, jobId],
    queryFn: async () => unwrap(await api.GET('/api/v1/organizations/{orgId}/user-import-jobs/{jobId}', { params: { path: { orgId, jobId } } })),
    refetchInterval: (query) => (query.state.status !== 'error' && query.state.data?.status !== 'done' && query.state.data?.status !== 'failed' ? POLL_MS : false),
  });
  const results = useMemo(() => rowResults(job.data), [job.data]);

  if (job.isError) return <ErrorState title="The import could not be loaded" error={job.error} onRetry={() => void job.refetch()} />;
  if (!job.data) return <LoadingState label="Loading the import" />;

  const { status, total, processed, created, failed } = job.data;
  const percent = total > 0 ? Math.round((processed / total) * 100) : 100;
  const shown = results.filter((r) => show === 'all' || (show === 'created') === r.created);
  const pageRecords = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  return (
    <Paper withBorder p="md" aria-labelledby="import-progress-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id="import-progress-title">
            Import progress
          </Title>
          <Badge color={status === 'done' ? 'teal.9' : status === 'failed' ? 'red.9' : 'blue.9'} variant="filled">
            {status === 'done' ? 'Done' : status === 'failed' ? 'Stopped' : 'Importing'}
          </Badge>
        </Group>
        <Progress.Root size="lg">
          <Progress.Section value={percent} color={status === 'failed' ? 'red.9' : 'teal.9'} aria-label="Import progress" />
        </Progress.Root>
        <Text size="sm" aria-live="polite">
          {processed} of {total} rows processed: {created.length} created, {failed.length} failed.
        </Text>
        {status === 'failed' && (
          <Alert color="red" role="alert" title="The import stopped">
            {job.data.error ?? 'The rows without a result were not imported.'} Rows without a result were not imported; import them again in a new file.
          </Alert>
        )}
        <Group justify="space-between">
          <Title order={4} size="h5">
            Results
          </Title>
          <SegmentedControl
            size="xs"
            aria-label="Show rows"
            value={show}
            onChange={(value) => {
              setShow(value as Show);
              setPage(1);
            }}
            data={[
              { value: 'all', label: `All (${results.length})` },
              { value: 'failed', label: `Failed (${failed.length})` },
              { value: 'created', label: `Created (${created.length})` },
            ]}
          />
        </Group>
        <DataTable
          aria-label="Import results"
          withTableBorder
          striped
          minHeight={150}
          idAccessor="row"
          records={pageRecords}
          totalRecords={shown.length}
          recordsPerPage={PAGE_SIZE}
          page={page}
          onPageChange={setPage}
          paginationText={({ from, to, totalRecords }) => `Rows ${from}–${to} of ${totalRecords}`}
          getPaginationControlProps={(control) => ({ 'aria-label': control === 'previous' ? 'Previous page' : 'Next page' })}
          noRecordsText={status === 'running' ? 'No results yet' : 'No rows'}
          columns={[
            { accessor: 'row', title: 'Row', textAlign: 'right', width: 70 },
            {
              accessor: 'created',
              title: 'Result',
              width: 100,
              render: (r) => (
                <Badge color={r.created ? 'teal.9' : 'red.9'} variant="filled" miw={70}>
                  {r.created ? 'Created' : 'Failed'}
                </Badge>
              ),
            },
            { accessor: 'detail', title: 'User or reasons', cellsStyle: () => ({ overflowWrap: 'anywhere' }) },
          ]}
        />
      </Stack>
    </Paper>
  );
}

/** Every row with a result, in row order: the username created, or the row's reasons. */
function rowResults(job: Job | undefined): RowResult[] {
  if (!job) return [];
  const rows: RowResult[] = [
    ...job.created.map((c) => ({ row: c.row, created: true, detail: c.username })),
    ...job.failed.map((f) => ({ row: f.row, created: false, detail: f.errors.map((e) => (e.field === 'row' ? e.message : `${e.field}: ${e.message}`)).join('; ') })),
  ];
  return rows.sort((a, b) => a.row - b.row);
}
