import { CsvSyntaxError, detectDelimiter, isBlankRecord, parseCsv } from './csv-parser';

const fieldsOf = (text: string, delimiter?: string) => parseCsv(text, delimiter ? { delimiter } : {}).map((r) => r.fields);

describe('parseCsv', () => {
  it('splits records on LF, CRLF and a lone CR, and fields on commas', () => {
    expect(fieldsOf('a,b,c\n1,2,3\n')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(fieldsOf('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fieldsOf('a,b\r1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('reads the last record whether or not the input ends with a line break', () => {
    expect(fieldsOf('a,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fieldsOf('a,b\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('keeps empty fields, including trailing ones', () => {
    expect(fieldsOf('a,,c,\n,,,\n')).toEqual([['a', '', 'c', ''], ['', '', '', '']]);
  });

  it('reads quoted fields holding delimiters, doubled quotes and line breaks', () => {
    expect(fieldsOf('"Berg, Anna","say ""hi""","line one\r\nline two",plain\n')).toEqual([['Berg, Anna', 'say "hi"', 'line one\r\nline two', 'plain']]);
    expect(fieldsOf('"",""""\n')).toEqual([['', '"']]);
    expect(fieldsOf('""')).toEqual([['']]);
  });

  it('drops a UTF-8 byte order mark at the start only', () => {
    expect(fieldsOf('\uFEFFUser principal name,Display name\r\n')).toEqual([['User principal name', 'Display name']]);
    expect(fieldsOf('a,\uFEFFb')).toEqual([['a', '\uFEFFb']]);
  });

  it('keeps white space inside fields as written', () => {
    expect(fieldsOf(' a , b \n')).toEqual([[' a ', ' b ']]);
  });

  it('is lenient where spreadsheets are: stray quotes in unquoted fields, text after a closing quote', () => {
    expect(fieldsOf('ab"c,d\n')).toEqual([['ab"c', 'd']]);
    expect(fieldsOf('"ab"c,d\n')).toEqual([['abc', 'd']]);
    expect(fieldsOf('x, "quoted"\n')).toEqual([['x', ' "quoted"']]);
  });

  it('numbers records as spreadsheet rows: a multi-line record is one row, blank lines count', () => {
    const records = parseCsv('h1,h2\n"multi\nline",x\n\nlast,y\n');
    expect(records.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(records[2]!.fields).toEqual(['']);
    expect(isBlankRecord(records[2]!)).toBe(true);
    expect(isBlankRecord({ row: 9, fields: [' ', '', '\t'] })).toBe(true);
    expect(isBlankRecord(records[3]!)).toBe(false);
  });

  it('reads nothing from an empty input', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
  });

  it('fails on a quoted field that never closes, naming the row where it opened', () => {
    const run = () => parseCsv('a,b\n1,2\n"open,3\n4,5\n');
    expect(run).toThrow(CsvSyntaxError);
    expect(run).toThrow('row 3');
  });

  it('takes another delimiter when told', () => {
    expect(fieldsOf('a;"b;c";d\n', ';')).toEqual([['a', 'b;c', 'd']]);
    expect(fieldsOf('a\tb\n', '\t')).toEqual([['a', 'b']]);
    expect(() => parseCsv('a', { delimiter: '"' })).toThrow(TypeError);
  });
});

describe('detectDelimiter', () => {
  it('prefers a comma, then a semicolon, then a tab, judged on the first line outside quotes', () => {
    expect(detectDelimiter('a,b;c\n')).toBe(',');
    expect(detectDelimiter('username;firstName;"a,b"\nx,y,z')).toBe(';');
    expect(detectDelimiter('a\tb\n1,2')).toBe('\t');
    expect(detectDelimiter('\uFEFFsingle\n1,2')).toBe(',');
  });
});
