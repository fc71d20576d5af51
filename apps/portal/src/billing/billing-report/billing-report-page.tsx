import { Alert, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import '@mantine/dates/styles.css';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useParams } from 'react-router';
import { api } from '../../api/api-client';
import { ApiError, messageOf, unwrap } from '../../api/problem';
import { ErrorState } from '../../shared/query-states';
import { ReportChart } from './report-chart';
import { addMonths, currentMonth, monthsBetween, toMonth, toPickerValue } from './report-months';

type GroupBy = 'service' | 'user';

interface ReportFilter {
  from: string;
  to: string;
  groupBy: GroupBy;
}

interface FilterFields {
  from: string | null;
  to: string | null;
  groupBy: GroupBy;
}

const LINES_PER_PAGE = 25;
const MAX_MONTHS = 120;

/** The billing report: costs per month by service or by user over a month range, as a table, a chart and a CSV file. */
export default function BillingReportPage() {
  const { orgId = '' } = useParams();
  const thisMonth = currentMonth();
  const [filter, setFilter] = useState<ReportFilter>({ from: addMonths(thisMonth, -2), to: thisMonth, groupBy: 'service' });
  const [page, setPage] = useState(1);
  const [downloadFailure, setDownloadFailure] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const {
    control,
    handleSubmit,
    getValues,
    formState: { errors },
  } = useForm<FilterFields>({ defaultValues: { from: filter.from, to: filter.to, groupBy: filter.groupBy } });

  const report = useQuery({
    queryKey: ['billing-report', orgId, filter],
    queryFn: async () => unwrap(await api.GET('/api/v1/organizations/{orgId}/billing/report', { params: { path: { orgId }, query: filter } })),
    placeholderData: keepPreviousData,
  });

  // The API's field errors (from, to) go next to the pickers.
  const fieldFailure = report.error instanceof ApiError ? report.error.fieldErrors : {};
  const apply = handleSubmit((fields) => {
    setPage(1);
    setFilter({ from: fields.from!, to: fields.to!, groupBy: fields.groupBy });
  });

  const download = async () => {
    setDownloadFailure(null);
    setDownloading(true);
    try {
      const result = await api.GET('/api/v1/organizations/{orgId}/billing/report', {
        params: { path: { orgId }, query: filter },
        headers: { Accept: 'text/csv' },
        parseAs: 'blob',
      });
      const csv = unwrap(result);
      const name = /filename="([^"]+)"/.exec(result.response.headers.get('Content-Disposition') ?? '')?.[1] ?? `billing-${filter.from}-${filter.to}-by-${filter.groupBy}.csv`;
      const link = document.createElement('a');
      link.href = URL.createObjectURL(csv);
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      setDownloadFailure(messageOf(error));
    } finally {
      setDownloading(false);
    }
  };

  const data = report.data;
  const byUser = data?.groupBy === 'user';
  const lines = data?.lines ?? [];
  const shown = lines.slice((page - 1) * LINES_PER_PAGE, page * LINES_PER_PAGE);

  return (
    <Stack gap="sm">
      <Title order={2}>Billing report</Title>
      <Paper withBorder p="md" component="form" onSubmit={(event) => void apply(event)} noValidate aria-label="Report period">
        <Group align="flex-end" wrap="wrap">
          <Controller
            control={control}
            name="from"
            rules={{ required: 'Choose the first month' }}
            render={({ field }) => (
              <MonthPickerInput
                label="From month"
                required
                valueFormat="YYYY-MM"
                value={toPickerValue(field.value)}
                onChange={(value) => field.onChange(toMonth(value))}
                error={errors.from?.message ?? fieldFailure['from']}
                maxDate={toPickerValue(thisMonth)!}
                popoverProps={{ withinPortal: true }}
                w={150}
              />
            )}
          />
          <Controller
            control={control}
            name="to"
            rules={{
              required: 'Choose the last month',
              validate: (to) => {
                const from = getValues('from');
                if (!to || !from) return true;
                const months = monthsBetween(from, to);
                if (months < 1) return 'The last month cannot be before the first';
                if (months > MAX_MONTHS) return `At most ${MAX_MONTHS} months`;
                return true;
              },
            }}
            render={({ field }) => (
              <MonthPickerInput
                label="To month"
                required
                valueFormat="YYYY-MM"
                value={toPickerValue(field.value)}
                onChange={(value) => field.onChange(toMonth(value))}
                error={errors.to?.message ?? fieldFailure['to']}
                maxDate={toPickerValue(thisMonth)!}
                popoverProps={{ withinPortal: true }}
                w={150}
              />
            )}
          />
          <Controller
            control={control}
            name="groupBy"
            render={({ field }) => (
              <Stack gap={4}>
                <Text size="sm" fw={500} id="group-by-label">
                  Group by
                </Text>
                <SegmentedControl
                  aria-labelledby="group-by-label"
                  value={field.value}
                  onChange={(value) => field.onChange(value as GroupBy)}
                  data={[
                    { value: 'service', label: 'By service' },
                    { value: 'user', label: 'By user' },
                  ]}
                />
              </Stack>
            )}
          />
          <Button type="submit">Show report</Button>
          <Button variant="default" onClick={() => void download()} loading={downloading} disabled={!data}>
            Download CSV
          </Button>
        </Group>
      </Paper>
      {downloadFailure && (
        <Alert color="red" role="alert">
          {downloadFailure}
        </Alert>
      )}
      {report.isError ? (
        <ErrorState title="The billing report could not be loaded" error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          {data && (
            <Text size="sm" aria-live="polite">
              {data.effectiveFrom} to {data.effectiveTo}, {byUser ? 'by user' : 'by service'}. Total: <strong>{data.total} {data.currency ?? ''}</strong>
              {data.effectiveFrom > `${data.from}-01` ? ` (charges before the billing start date ${data.effectiveFrom} are not shown)` : ''}
            </Text>
          )}
          {data && data.lines.length > 0 && <ReportChart report={data} />}
          <DataTable
            aria-label="Billing report lines"
            withTableBorder
            striped
            minHeight={180}
            fetching={report.isFetching}
            records={shown}
            idAccessor={(line) => `${line.month}/${line.productId}/${line.userId ?? ''}`}
            totalRecords={lines.length}
            recordsPerPage={LINES_PER_PAGE}
            page={page}
            onPageChange={setPage}
            paginationText={({ from, to, totalRecords }) => `Lines ${from}–${to} of ${totalRecords}`}
            getPaginationControlProps={(control) => (control === 'previous' ? { 'aria-label': 'Previous lines' } : control === 'next' ? { 'aria-label': 'Next lines' } : {})}
            noRecordsText={report.isPending ? 'Loading the report…' : 'No charges in these months'}
            columns={[
              { accessor: 'month', title: 'Month', noWrap: true },
              { accessor: 'productName', title: 'Service' },
              { accessor: 'userName', title: 'User', hidden: !byUser, cellsStyle: () => ({ overflowWrap: 'anywhere' }), render: (line) => line.userName ?? 'Unassigned' },
              { accessor: 'quantity', title: 'Quantity', textAlign: 'right', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.sm})` },
              { accessor: 'amount', title: 'Amount', textAlign: 'right', noWrap: true, render: (line) => `${line.amount} ${data?.currency ?? ''}` },
            ]}
          />
        </>
      )}
    </Stack>
  );
}
