import { csvDocument, csvRow, numberCell, textCell } from './csv-writer';

describe('CSV text cells', () => {
  it('leaves plain text alone', () => {
    expect(['Microsoft 365 E3', 'anna@contoso.example', 'Ærø', '', 'a-b', 'x=1'].map(textCell)).toEqual(['Microsoft 365 E3', 'anna@contoso.example', 'Ærø', '', 'a-b', 'x=1']);
  });

  it('quotes a separator of any locale, quotes and line breaks', () => {
    expect(textCell('Backup;=1+2')).toBe('"Backup;=1+2"');
    expect(textCell('a,b')).toBe('"a,b"');
    expect(textCell('a\tb')).toBe('"a\tb"');
    expect(textCell('say "hi"')).toBe('"say ""hi"""');
    expect(textCell('two\nlines')).toBe('"two\nlines"');
    expect(textCell('cr\rhere')).toBe('"cr\rhere"');
    expect(textCell(' padded ')).toBe('" padded "');
  });

  it('shows whatever a spreadsheet could take for a formula as text', () => {
    expect(textCell('=1+2')).toBe("'=1+2");
    expect(textCell('+1')).toBe("'+1");
    expect(textCell('-2+3')).toBe("'-2+3");
    expect(textCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(textCell('\t=1+2')).toBe(`"'\t=1+2"`);
    expect(textCell('\r=1+2')).toBe(`"'\r=1+2"`);
    expect(textCell('  =cmd|\' /C calc\'!A0')).toBe("'  =cmd|' /C calc'!A0");
    expect(textCell('=HYPERLINK("http://x";"y")')).toBe(`"'=HYPERLINK(""http://x"";""y"")"`);
    expect(textCell('-5')).toBe("'-5");
  });
});

describe('CSV number cells', () => {
  it('keeps real numbers as numbers, negative ones too', () => {
    expect([numberCell(10), numberCell(-3), numberCell('54.19'), numberCell('-12.50'), numberCell('6503'), numberCell(''), numberCell(null)]).toEqual(['10', '-3', '54.19', '-12.50', '6503', '', '']);
  });

  it('treats anything else as text', () => {
    expect(numberCell('-1+2')).toBe("'-1+2");
    expect(numberCell('=1;2')).toBe(`"'=1;2"`);
    expect(numberCell('1,5')).toBe('"1,5"');
  });
});

describe('CSV records', () => {
  it('joins cells with commas and ends every record with CRLF', () => {
    expect(csvDocument([csvRow(['a', textCell('b;c')]), csvRow(['1', ''])])).toBe('a,"b;c"\r\n1,\r\n');
  });
});
