import type { BillingReport } from '@broker/contracts';
import { csvDocument, csvRow, numberCell, textCell } from '../shared/csv/csv-writer';

/**
 * The report as CSV: a header, the same lines as the JSON answer (grouped by user, the unassigned seats have
 * `unassigned` as their userId), then a `total` row. Every money row carries the currency.
 */
export function billingReportCsv(report: BillingReport): string {
  const byUser = report.groupBy === 'user';
  const header = ['month', 'productId', 'productName', ...(byUser ? ['userId', 'userName'] : []), 'quantity', 'amount', 'currency'].map(textCell);
  const currency = textCell(report.currency ?? '');
  const lines = report.lines.map((line) =>
    csvRow([
      textCell(line.month),
      textCell(line.productId),
      textCell(line.productName),
      ...(byUser ? [textCell(line.userId ?? 'unassigned'), textCell(line.userName)] : []),
      numberCell(line.quantity),
      numberCell(line.amount),
      currency,
    ]),
  );
  const total = csvRow([textCell('total'), '', '', ...(byUser ? ['', ''] : []), '', numberCell(report.total), currency]);
  return csvDocument([csvRow(header), ...lines, total]);
}

/** True when the client asks for CSV at least as much as for JSON (`Accept: text/csv`). */
export function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const quality = (type: string): number => {
    let best = 0;
    for (const part of accept.split(',')) {
      const [media, ...params] = part.trim().toLowerCase().split(';').map((p) => p.trim());
      if (media !== type) continue;
      const q = params.find((p) => p.startsWith('q='));
      best = Math.max(best, q ? Number(q.slice(2)) || 0 : 1);
    }
    return best;
  };
  const csv = quality('text/csv');
  return csv > 0 && csv >= quality('application/json');
}
