import type { BillingReport } from '@broker/contracts';

/** A cell as RFC 4180 wants it, and never read as a formula by a spreadsheet (names come from users). */
function cell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (cells: (string | number)[]): string => cells.map(cell).join(',');

/**
 * The report as CSV: a header, the same lines as the JSON answer (grouped by user, the unassigned seats have
 * `unassigned` as their userId), then a `total` row. Every money row carries the currency.
 */
export function billingReportCsv(report: BillingReport): string {
  const byUser = report.groupBy === 'user';
  const header = ['month', 'productId', 'productName', ...(byUser ? ['userId', 'userName'] : []), 'quantity', 'amount', 'currency'];
  const currency = report.currency ?? '';
  const lines = report.lines.map((line) =>
    row([line.month, line.productId, line.productName, ...(byUser ? [line.userId ?? 'unassigned', line.userName ?? ''] : []), line.quantity, line.amount, currency]),
  );
  const total = row(['total', '', '', ...(byUser ? ['', ''] : []), '', report.total, currency]);
  return [row(header), ...lines, total].join('\r\n') + '\r\n';
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
