import type { ActivityEntryView } from '@broker/contracts';
import { csvDocument, csvRow, textCell } from '../shared/csv/csv-writer';

const HEADER = ['at', 'actorId', 'actorName', 'action', 'targetType', 'targetId', 'targetName', 'summary', 'organizationId', 'resellerId', 'correlationId'];

/** The entries as CSV, one row each in the list's order, every cell text-safe for spreadsheets (ADR 0021). */
export function activityCsv(entries: readonly ActivityEntryView[]): string {
  const rows = entries.map((e) =>
    csvRow([e.at, e.actorId, e.actorName, e.action, e.target.type, e.target.id, e.target.name, e.summary, e.organizationId, e.resellerId, e.correlationId].map((cell) => textCell(cell))),
  );
  return csvDocument([csvRow(HEADER), ...rows]);
}
