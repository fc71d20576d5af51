import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import type { components } from '../../api/schema.gen';

type Report = components['schemas']['BillingReportResponse'];

const COLORS = ['indigo.7', 'teal.8', 'orange.8', 'grape.7', 'cyan.8', 'red.8', 'lime.9', 'pink.7', 'blue.8', 'yellow.9'];

/** The report's amounts per month, one stacked bar per month, one series per service (or per user). */
export function ReportChart({ report }: { report: Report }) {
  const seriesOf = (line: Report['lines'][number]) => (report.groupBy === 'user' ? (line.userName ?? 'Unassigned') : line.productName);
  const names = [...new Set(report.lines.map(seriesOf))];
  // Series keys are positions: the chart reads a dot in a key (every username has one) as a nested field.
  const keyOf = new Map(names.map((name, index) => [name, `s${index}`]));
  const byMonth = new Map<string, Record<string, string | number>>();
  for (const line of report.lines) {
    const row = byMonth.get(line.month) ?? { month: line.month };
    const name = keyOf.get(seriesOf(line))!;
    // Amounts are decimal strings; the chart needs numbers, rounded back to the cent for its labels.
    row[name] = Math.round(((Number(row[name] ?? 0) || 0) + Number(line.amount)) * 1000) / 1000;
    byMonth.set(line.month, row);
  }
  const data = [...byMonth.values()].sort((a, b) => String(a['month']).localeCompare(String(b['month'])));
  const currency = report.currency ?? '';

  return (
    <figure style={{ margin: 0 }} aria-label={`Amounts per month by ${report.groupBy === 'user' ? 'user' : 'service'}, in ${currency}`}>
      <BarChart
        h={260}
        data={data}
        dataKey="month"
        type="stacked"
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        yAxisLabel={currency}
        valueFormatter={(value) => value.toFixed(2)}
        series={names.map((name, index) => ({ name: keyOf.get(name)!, label: name, color: COLORS[index % COLORS.length]! }))}
      />
    </figure>
  );
}
