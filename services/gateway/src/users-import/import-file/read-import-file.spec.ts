import { USER_IMPORT_MAX_VALUE_LENGTH } from '@broker/contracts';
import { chunkRows } from './chunk-rows';
import { ImportFileInvalidError, readImportFile } from './read-import-file';

const read = (text: string, maxRows = 100) => readImportFile(text, { maxRows });

function problemOf(text: string): ImportFileInvalidError {
  try {
    read(text);
  } catch (error) {
    if (error instanceof ImportFileInvalidError) return error;
    throw error;
  }
  throw new Error('expected ImportFileInvalidError');
}

describe('readImportFile', () => {
  it('numbers rows as a spreadsheet does: header row 1, blank lines skipped but counted', () => {
    const file = 'username,firstName,lastName,email\r\nanna@contoso.com,Anna,Berg,anna@contoso.com\r\n\r\n"bo@contoso.com","Bo","Ek, Jr.","bo@contoso.com"\r\n';
    const { format, rows, failed } = read(file);
    expect(format).toBe('template');
    expect(failed).toEqual([]);
    expect(rows.map((r) => [r.row, r.username, r.lastName])).toEqual([
      [2, 'anna@contoso.com', 'Berg'],
      [4, 'bo@contoso.com', 'Ek, Jr.'],
    ]);
  });

  it('marks a username repeated later in the file with the row that had it first, whatever its case', () => {
    const file = ['username,firstName,lastName,email', 'a@x.com,A,A,a@x.com', 'b@x.com,B,B,b@x.com', 'A@X.com,C,C,c@x.com', 'a@x.com,D,D,d@x.com'].join('\n');
    const { rows } = read(file);
    expect(rows.map((r) => r.repeatsRow)).toEqual([undefined, undefined, 2, 2]);
  });

  it('fails a row with more fields than the header on its own, but tolerates empty trailing fields', () => {
    const file = ['username,firstName,lastName,email', 'a@x.com,A,A,a@x.com,surprise', 'b@x.com,B,B,b@x.com,,', 'c@x.com,C,C,c@x.com'].join('\n');
    const { rows, failed } = read(file);
    expect(failed).toEqual([{ row: 2, errors: [{ field: 'row', message: expect.stringContaining('5 fields') }] }]);
    expect(rows.map((r) => r.row)).toEqual([3, 4]);
  });

  it('reads a semicolon-separated file, as some spreadsheets save CSV', () => {
    const { rows } = read('username;firstName;lastName;email;role;password\na@x.com;Anna;Berg;a@x.com;org_admin;"Xq9!we;rtz"\n');
    expect(rows).toEqual([{ row: 2, username: 'a@x.com', firstName: 'Anna', lastName: 'Berg', email: 'a@x.com', role: 'org_admin', password: 'Xq9!we;rtz' }]);
  });

  it('clips over-long values to the wire limit (still too long for identity to accept)', () => {
    const long = 'x'.repeat(USER_IMPORT_MAX_VALUE_LENGTH + 500);
    const { rows } = read(`username,firstName,lastName,email\na@x.com,${long},B,a@x.com\n`);
    expect(rows[0]!.firstName).toHaveLength(USER_IMPORT_MAX_VALUE_LENGTH);
  });

  it('refuses files it cannot read as a whole, saying why', () => {
    expect(problemOf('').errors[0]!.message).toContain('no header');
    expect(problemOf('\r\n\r\n').errors[0]!.message).toContain('no header');
    expect(problemOf('username,firstName,lastName,email\r\n\r\n').errors[0]!.message).toContain('no user rows');
    expect(problemOf('username,firstName,lastName,email\n"a@x.com,A,B,a@x.com\n').errors[0]!.message).toContain('never closed');
    expect(problemOf('name,mail\nx,y\n').code).toBe('USER_IMPORT.INVALID_FILE');
    expect(() => read('username,firstName,lastName,email\na@x.com,A,B,a@x.com\nb@x.com,A,B,b@x.com\n', 1)).toThrow(ImportFileInvalidError);
  });
});

describe('chunkRows', () => {
  it('cuts at the row limit', () => {
    expect(chunkRows([1, 2, 3, 4, 5], { maxRows: 2, maxBytes: 1_000_000 })).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunkRows([], { maxRows: 2, maxBytes: 100 })).toEqual([]);
  });

  it('cuts at the byte limit, and lets a single large row travel alone', () => {
    const big = 'x'.repeat(100);
    expect(chunkRows(['a', 'b', big, 'c'], { maxRows: 10, maxBytes: 50 })).toEqual([['a', 'b'], [big], ['c']]);
  });
});
