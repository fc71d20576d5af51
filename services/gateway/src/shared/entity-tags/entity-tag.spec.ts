import { formatEntityTag, MAX_IF_MATCH_TAGS, parseEntityTags, readIfMatch, withEntityTag } from './entity-tag';

describe('entity tags', () => {
  it('quotes a version', () => {
    expect(formatEntityTag('3')).toBe('"3"');
    expect(formatEntityTag('4.0')).toBe('"4.0"');
    expect(formatEntityTag('2-17')).toBe('"2-17"');
  });

  it('refuses a version an entity tag cannot carry', () => {
    expect(() => formatEntityTag('a"b')).toThrow();
    expect(() => formatEntityTag('a b')).toThrow();
  });

  it('parses *, single tags, weak tags and lists with blanks and empty elements', () => {
    expect(parseEntityTags('*')).toBe('*');
    expect(parseEntityTags(' * ')).toBe('*');
    expect(parseEntityTags('"3"')).toEqual([{ weak: false, opaque: '3' }]);
    expect(parseEntityTags('W/"3"')).toEqual([{ weak: true, opaque: '3' }]);
    expect(parseEntityTags(' "1" ,W/"2",, "3.1"\t,')).toEqual([
      { weak: false, opaque: '1' },
      { weak: true, opaque: '2' },
      { weak: false, opaque: '3.1' },
    ]);
    expect(parseEntityTags('""')).toEqual([{ weak: false, opaque: '' }]);
    expect(parseEntityTags('')).toEqual([]);
  });

  it('finds no tags in a value that breaks the grammar', () => {
    for (const value of ['3', '"3', '"3" "4"', 'w/"3"', '*, "3"', '"3", *', '"a b"', 'W/ "3"', '"3"x']) {
      expect([value, parseEntityTags(value)]).toEqual([value, undefined]);
    }
  });
});

describe('If-Match', () => {
  it('asks for no condition when absent or *', () => {
    expect(readIfMatch(undefined)).toEqual({ kind: 'unconditional' });
    expect(readIfMatch('*')).toEqual({ kind: 'unconditional' });
  });

  it('gives the versions of the strong tags, once each', () => {
    expect(readIfMatch('"3"')).toEqual({ kind: 'versions', versions: ['3'] });
    expect(readIfMatch('"3", "4.1", "3"')).toEqual({ kind: 'versions', versions: ['3', '4.1'] });
  });

  it('leaves out weak tags (If-Match compares strongly) and tags too long to be a version, so that nothing may match', () => {
    expect(readIfMatch('W/"3", "4"')).toEqual({ kind: 'versions', versions: ['4'] });
    expect(readIfMatch('W/"3"')).toEqual({ kind: 'versions', versions: [] });
    expect(readIfMatch(`"${'9'.repeat(101)}"`)).toEqual({ kind: 'versions', versions: [] });
    expect(readIfMatch('')).toEqual({ kind: 'versions', versions: [] });
  });

  it('is malformed when the value breaks the grammar or lists too many tags', () => {
    expect(readIfMatch('3')).toMatchObject({ kind: 'malformed' });
    expect(readIfMatch('"1", *')).toMatchObject({ kind: 'malformed' });
    const many = Array.from({ length: MAX_IF_MATCH_TAGS + 1 }, (_, i) => `"${i}"`).join(', ');
    expect(readIfMatch(many)).toMatchObject({ kind: 'malformed', reason: expect.stringContaining(String(MAX_IF_MATCH_TAGS)) });
  });
});

describe('withEntityTag', () => {
  it('moves the version into the ETag header', () => {
    const headers = new Map<string, string>();
    const body = withEntityTag({ setHeader: (name: string, value: string) => headers.set(name, value) }, { items: [], version: '2-5' });
    expect(body).toEqual({ items: [] });
    expect(headers.get('ETag')).toBe('"2-5"');
  });
});
