import { USER_IMPORT_MAX_VALUE_LENGTH, type FailedImportRow, type ImportUserRowDto } from '@broker/contracts';
import { CsvSyntaxError, detectDelimiter, isBlankRecord, parseCsv } from '../csv/csv-parser';
import { detectFormat, type HeaderProblem, type ImportFormat } from './import-format';

/**
 * A whole uploaded file, read: the rows to send to identity, and the rows already known to fail from their shape
 * alone. Row numbers are spreadsheet rows: the header is row 1, the first data row row 2; blank lines are skipped
 * but keep their numbers, so every number matches what the user sees when opening the file.
 */
export interface ReadImportFile {
  format: ImportFormat;
  rows: ImportUserRowDto[];
  failed: FailedImportRow[];
}

/** The file as a whole cannot be read (no header, an unknown format, an unclosed quote): a 400. */
export class ImportFileInvalidError extends Error {
  readonly code = 'USER_IMPORT.INVALID_FILE';

  constructor(
    message: string,
    readonly errors: HeaderProblem[],
  ) {
    super(message);
    this.name = 'ImportFileInvalidError';
  }
}

export function readImportFile(text: string, options: { maxRows: number }): ReadImportFile {
  let records;
  try {
    records = parseCsv(text, { delimiter: detectDelimiter(text) });
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ImportFileInvalidError('The file is not valid CSV', [{ field: 'file', message: error.message }]);
    throw error;
  }
  const headerIndex = records.findIndex((r) => !isBlankRecord(r));
  if (headerIndex < 0) throw new ImportFileInvalidError('The file is empty', [{ field: 'file', message: 'The file has no header row and no users' }]);
  const header = records[headerIndex]!.fields;
  const detection = detectFormat(header);
  if (!detection.ok) throw new ImportFileInvalidError('The header row is not one the import knows', detection.problems);

  const data = records.slice(headerIndex + 1).filter((r) => !isBlankRecord(r));
  if (data.length === 0) throw new ImportFileInvalidError('The file has no users', [{ field: 'file', message: 'The file has a header row but no user rows' }]);
  if (data.length > options.maxRows) {
    throw new ImportFileInvalidError('The file has too many rows', [{ field: 'file', message: `The file has ${data.length} user rows; at most ${options.maxRows} can be imported at once` }]);
  }

  const rows: ImportUserRowDto[] = [];
  const failed: FailedImportRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const record of data) {
    const extra = record.fields.slice(header.length).filter((f) => f.trim() !== '');
    if (extra.length > 0) {
      failed.push({ row: record.row, errors: [{ field: 'row', message: `The row has ${record.fields.length} fields but the header names ${header.length} columns` }] });
      continue;
    }
    const mapped = detection.mapRow(record.fields);
    const row: ImportUserRowDto = {
      row: record.row,
      username: clip(mapped.username),
      firstName: clip(mapped.firstName),
      lastName: clip(mapped.lastName),
      email: clip(mapped.email),
      role: clip(mapped.role),
    };
    if (mapped.password !== undefined) row.password = clip(mapped.password);
    if (row.username !== '') {
      const earlier = firstRowOf.get(row.username);
      if (earlier === undefined) firstRowOf.set(row.username, row.row);
      else row.repeatsRow = earlier;
    }
    rows.push(row);
  }
  return { format: detection.format, rows, failed };
}

/** Values beyond the wire limit are cut; the limit is above every field's own, so they still fail as too long. */
function clip(value: string): string {
  return value.length > USER_IMPORT_MAX_VALUE_LENGTH ? value.slice(0, USER_IMPORT_MAX_VALUE_LENGTH) : value;
}
