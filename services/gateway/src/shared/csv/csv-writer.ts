/**
 * CSV cells a spreadsheet reads as data in every locale (OWASP "CSV injection"; ADR 0021).
 *
 * - A cell holding a separator of any locale (`,` `;` tab), a quote, a line break, or blanks at either end is
 *   quoted, so a file opened where `;` separates cells keeps `Backup;=1+2` in one cell.
 * - A text cell that a spreadsheet could take for a formula (its first character, after any blanks, is one of
 *   `= + - @`, or it starts with a tab or carriage return) gets a leading `'`, which shows it as text.
 * - A numeric cell that is a real number (`-12.50`) stays a number; anything else in it is treated as text.
 */

const NEEDS_QUOTES = /[",;\t\r\n]|^\s|\s$/;
const FORMULA_START = /^[\t\r]|^\s*[=+\-@]/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

export function textCell(value: string | null | undefined): string {
  let text = value ?? '';
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function numberCell(value: number | string | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text === '' || NUMBER.test(text) ? text : textCell(text);
}

/** One record: cells already made by textCell or numberCell, comma-separated. */
export function csvRow(cells: readonly string[]): string {
  return cells.join(',');
}

/** Records separated and ended by CRLF (RFC 4180). */
export function csvDocument(rows: readonly string[]): string {
  return rows.map((row) => `${row}\r\n`).join('');
}
