import '@mantine/charts/styles.css';
import '@mantine/dates/styles.css';
import { BarChart } from '@mantine/charts';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useSearchParams } from 'react-router';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { ErrorState } from '../../shared/query-states';
import { formatMoney } from '../../transactions/shared/transaction-format';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const currentMonth = () => new Date().toISOString().slice(0, 7);

/** The reseller's month: each organization's revenue, cost and margin, the totals, and a bar chart of them. */
export default function BillingSummaryPage() {
  const [params, setParams] = useSearchParams();
  const wanted = params.get('month');
  const month = wanted && MONTH.test(wanted) ? wanted : currentMonth();
  const query = useQuery({
    queryKey: ['billing-summary', month],
    queryFn: async () => unwrap(await api.GET('/api/v1/billing/summary', { params: { query: { month } } })),
    placeholderData: keepPreviousData,
  });
  const summary = query.data;
  const currency = summary?.currency ?? null;
  const money = (amount: string) => formatMoney(amount, currency);
  const chartData = (summary?.items ?? []).map((item) => ({
    organization: item.organizationName,
    Revenue: Number(item.revenue),
    Cost: Number(item.cost),
    Margin: Number(item.margin),
  }));

  return (
    <Stack gap="md">
      <Title order={2}>Billing summary</Title>
      <MonthPickerInput
        label="Month"
        description="Revenue at your organizations' prices, cost at your cost prices"
        valueFormat="MMMM YYYY"
        maw={260}
        value={`${month}-01`}
        maxDate={`${currentMonth()}-01`}
        onChange={(value) => value && setParams({ month: value.slice(0, 7) }, { replace: true })}
        popoverProps={{ withinPortal: true }}
        ariaLabels={{ previousYear: 'Previous year', nextYear: 'Next year', previousDecade: 'Previous decade', nextDecade: 'Next decade' }}
      />
      {query.isError ? (
        <ErrorState title="The billing summary could not be loaded" error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <DataTable
            aria-label="Billing summary by organization"
            withTableBorder
            striped
            minHeight={180}
            fetching={query.isFetching}
            idAccessor="organizationId"
            records={summary?.items ?? []}
            noRecordsText={query.isPending ? 'Loading the billing summary…' : 'Nothing billed this month'}
            columns={[
              { accessor: 'organizationName', title: 'Organization', footer: 'Totals', cellsStyle: () => ({ overflowWrap: 'anywhere' }) },
              { accessor: 'revenue', title: 'Revenue', textAlign: 'right', noWrap: true, render: (item) => money(item.revenue), footer: summary ? money(summary.totals.revenue) : '' },
              { accessor: 'cost', title: 'Cost', textAlign: 'right', noWrap: true, render: (item) => money(item.cost), footer: summary ? money(summary.totals.cost) : '' },
              { accessor: 'margin', title: 'Margin', textAlign: 'right', noWrap: true, render: (item) => money(item.margin), footer: summary ? money(summary.totals.margin) : '' },
            ]}
          />
          {summary && (
            <Text size="xs" c="dimmed">
              As of {summary.asOf}
              {currency ? `, in ${currency}` : ''}.
            </Text>
          )}
          {chartData.length > 0 && (
            <Paper withBorder p="md" component="figure" m={0} aria-labelledby="billing-chart-title">
              <Title order={3} size="h4" mb="sm" id="billing-chart-title" component="figcaption">
                Revenue, cost and margin by organization
              </Title>
              <BarChart
                h={Math.max(240, 60 + chartData.length * 48)}
                data={chartData}
                dataKey="organization"
                orientation="vertical"
                yAxisProps={{ width: 140 }}
                valueFormatter={(value) => value.toFixed(2)}
                withLegend
                series={[
                  { name: 'Revenue', color: 'indigo.7' },
                  { name: 'Cost', color: 'gray.6' },
                  { name: 'Margin', color: 'teal.8' },
                ]}
              />
            </Paper>
          )}
        </>
      )}
    </Stack>
  );
}
