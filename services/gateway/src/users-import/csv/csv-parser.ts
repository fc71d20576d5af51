/**
 * A CSV reader after RFC 4180, as spreadsheets and the Microsoft 365 admin center write it: fields separated by a
 * delimiter (comma unless told otherwise), records by CRLF, LF or a lone CR; a field in double quotes may hold
 * delimiters, line breaks and doubled quotes (`""` is one `"`); a leading UTF-8 byte order mark is dropped.
 *
 * Lenient where spreadsheets are: a quote inside an unquoted field is kept as written, and text after a closing
 * quote is appended (`"ab"c` reads `abc`). The one unrecoverable fault is a quoted field that never closes: it
 * would swallow the rest of the file, so it throws CsvSyntaxError naming the row where it opened.
 */
export interface CsvRecord {
  /** The record's row number as a spreadsheet shows it: the first record is row 1; a multi-line record is one row. */
  row: number;
  fields: string[];
}

export interface CsvOptions {
  /** One character; default `,`. */
  delimiter?: string;
}

export class CsvSyntaxError extends Error {
  readonly code = 'CSV.INVALID';

  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const BOM = '\uFEFF';
const QUOTE = '"';

export function parseCsv(text: string, options: CsvOptions = {}): CsvRecord[] {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === QUOTE || delimiter === '\r' || delimiter === '\n') {
    throw new TypeError(`parseCsv: delimiter must be one character other than a quote or a line break`);
  }
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let row = 1;
  let i = 0;
  /** True once the current record has consumed anything, so `""` alone at the end of the input is a record. */
  let started = false;
  /** True at the first character of a field: only there does a quote open a quoted field. */
  let fieldStart = true;
  const length = input.length;

  const endRecord = () => {
    fields.push(field);
    records.push({ row, fields });
    fields = [];
    field = '';
    row += 1;
    started = false;
    fieldStart = true;
  };

  while (i < length) {
    const ch = input[i]!;
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    started = true;
    if (ch === delimiter) {
      fields.push(field);
      field = '';
      fieldStart = true;
      i += 1;
      continue;
    }
    if (ch === QUOTE && fieldStart) {
      // A quoted field: read up to the closing quote; a doubled quote inside is one quote.
      const openedAt = row;
      i += 1;
      for (;;) {
        const next = input.indexOf(QUOTE, i);
        if (next === -1) throw new CsvSyntaxError(`A quoted field that starts in row ${openedAt} is never closed`, openedAt);
        field += input.slice(i, next);
        if (input[next + 1] === QUOTE) {
          field += QUOTE;
          i = next + 2;
          continue;
        }
        i = next + 1;
        break;
      }
      fieldStart = false;
      // Text after the closing quote and before the delimiter is kept (lenient).
      const stop = nextBreak(input, i, delimiter);
      field += input.slice(i, stop);
      i = stop;
      continue;
    }
    fieldStart = false;
    const stop = nextBreak(input, i, delimiter);
    field += input.slice(i, stop);
    i = stop;
  }
  // The last record, unless the input ended with a line break (or was empty).
  if (started) endRecord();
  return records;
}

/** Index of the next delimiter or line break at or after `from`, or the end of the input. */
function nextBreak(input: string, from: number, delimiter: string): number {
  for (let j = from; j < input.length; j++) {
    const c = input[j];
    if (c === delimiter || c === '\r' || c === '\n') return j;
  }
  return input.length;
}

/**
 * The delimiter of a file, judged by its first line (outside quotes): a comma when it has one, else a semicolon (a
 * spreadsheet saving CSV in a locale with decimal commas), else a tab, else a comma.
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (let i = text.startsWith(BOM) ? 1 : 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === '\r' || c === '\n')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  for (const candidate of [',', ';', '\t']) if (counts.get(candidate)! > 0) return candidate;
  return ',';
}

/** True when every field of the record is empty or white space (a blank line, or `,,,`). */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.fields.every((f) => f.trim() === '');
}
