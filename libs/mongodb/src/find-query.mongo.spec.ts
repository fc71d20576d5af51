import { compareStrings, encodeFindCursor, resolveFindQuery, type CollectionDefinition, type FindQuery } from '@broker/read-models';
import { buildMongoFind, sortValueOf, type MongoFind } from './find-query.mongo';

const definition: CollectionDefinition = { name: 'items', indexes: { name: 'string', rank: 'number', group: 'string' } };
const build = (query: FindQuery): MongoFind => buildMongoFind(definition.name, resolveFindQuery(definition, query));
const cursor = (field: string | null, direction: 'asc' | 'desc', value: string | number | null, id: string) =>
  encodeFindCursor({ field, direction, value, id });

describe('buildMongoFind', () => {
  it('sorts by id ascending by default, reads one more than the default limit, and filters nothing', () => {
    expect(build({})).toEqual({ filter: {}, sort: [['_id', 1]], limit: 51 });
  });

  it('turns where into equality on data.<field>, several fields under $and', () => {
    expect(build({ where: { name: 'a' }, limit: 10 }).filter).toEqual({ 'data.name': 'a' });
    expect(build({ where: { rank: 1.5, group: 'even' } }).filter).toEqual({ $and: [{ 'data.rank': 1.5 }, { 'data.group': 'even' }] });
  });

  it('turns a range into $gte (from, included) and $lt (to, excluded) on data.<field>, beside the filters', () => {
    expect(build({ range: { field: 'rank', from: 2, to: 100 } }).filter).toEqual({ 'data.rank': { $gte: 2, $lt: 100 } });
    expect(build({ range: { field: 'name', to: 'b' }, where: { group: 'odd' } }).filter).toEqual({ $and: [{ 'data.group': 'odd' }, { 'data.name': { $lt: 'b' } }] });
    expect(build({ range: { field: 'rank' } }).filter).toEqual({});
    expect(() => build({ range: { field: 'rank', from: 'x' } })).toThrow(expect.objectContaining({ code: 'READ_MODEL.INVALID_QUERY' }));
  });

  it('sorts on the field and breaks ties by id in the same direction', () => {
    expect(build({ sort: { field: 'rank', direction: 'asc' } }).sort).toEqual([
      ['data.rank', 1],
      ['_id', 1],
    ]);
    expect(build({ sort: { field: 'name', direction: 'desc' } }).sort).toEqual([
      ['data.name', -1],
      ['_id', -1],
    ]);
  });

  it('continues after the cursor id when sorted by id', () => {
    expect(build({ cursor: cursor(null, 'asc', null, 'd5') }).filter).toEqual({ _id: { $gt: 'd5' } });
    expect(build({ sort: undefined, cursor: cursor(null, 'asc', null, 'd5'), where: { group: 'odd' } }).filter).toEqual({
      $and: [{ 'data.group': 'odd' }, { _id: { $gt: 'd5' } }],
    });
  });

  it('keyset ascending: (field > v) OR (field = v AND _id > id)', () => {
    const query = { sort: { field: 'rank', direction: 'asc' as const }, cursor: cursor('rank', 'asc', 2, 'd5') };
    expect(build(query).filter).toEqual({ $or: [{ 'data.rank': { $gt: 2 } }, { 'data.rank': 2, _id: { $gt: 'd5' } }] });
  });

  it('keyset descending: the mirror, then the missing values, which come last', () => {
    const query = { sort: { field: 'name', direction: 'desc' as const }, cursor: cursor('name', 'desc', 'b', 'd5') };
    expect(build(query).filter).toEqual({
      $or: [{ 'data.name': { $lt: 'b' } }, { 'data.name': 'b', _id: { $lt: 'd5' } }, { 'data.name': null }],
    });
  });

  it('keyset after a missing value: the rest of the missing ones, and ascending every value after them', () => {
    expect(build({ sort: { field: 'rank', direction: 'asc' }, cursor: cursor('rank', 'asc', null, 'd5') }).filter).toEqual({
      $or: [{ 'data.rank': null, _id: { $gt: 'd5' } }, { 'data.rank': { $ne: null } }],
    });
    expect(build({ sort: { field: 'rank', direction: 'desc' }, cursor: cursor('rank', 'desc', null, 'd5') }).filter).toEqual({
      'data.rank': null,
      _id: { $lt: 'd5' },
    });
  });

  it('combines where and the keyset condition', () => {
    const query: FindQuery = { where: { group: 'even' }, sort: { field: 'rank', direction: 'desc' }, cursor: cursor('rank', 'desc', 10, 'd4'), limit: 3 };
    expect(build(query)).toEqual({
      filter: {
        $and: [{ 'data.group': 'even' }, { $or: [{ 'data.rank': { $lt: 10 } }, { 'data.rank': 10, _id: { $lt: 'd4' } }, { 'data.rank': null }] }],
      },
      sort: [
        ['data.rank', -1],
        ['_id', -1],
      ],
      limit: 4,
    });
  });

  it('refuses a cursor whose value has another type than the sorted field (BSON compares within one type only)', () => {
    expect(() => build({ sort: { field: 'rank', direction: 'asc' }, cursor: cursor('rank', 'asc', '2', 'd5') })).toThrow(
      expect.objectContaining({ code: 'READ_MODEL.INVALID_QUERY' }),
    );
    expect(() => build({ sort: { field: 'name', direction: 'asc' }, cursor: cursor('name', 'asc', 2, 'd5') })).toThrow(
      expect.objectContaining({ code: 'READ_MODEL.INVALID_QUERY' }),
    );
  });

  it('leaves validation to the shared rules: unknown fields, limits, foreign cursors', () => {
    expect(() => build({ where: { n: 1 } })).toThrow(expect.objectContaining({ code: 'READ_MODEL.UNKNOWN_INDEX' }));
    expect(() => build({ limit: 501 })).toThrow(expect.objectContaining({ code: 'READ_MODEL.INVALID_QUERY' }));
    expect(() => build({ sort: { field: 'rank', direction: 'desc' }, cursor: cursor('rank', 'asc', 1, 'a') })).toThrow(
      expect.objectContaining({ code: 'READ_MODEL.INVALID_QUERY' }),
    );
  });
});

describe('sortValueOf', () => {
  it('is the field as stored, null when missing or null', () => {
    expect(sortValueOf({ rank: 0 }, 'rank')).toBe(0);
    expect(sortValueOf({ name: '' }, 'name')).toBe('');
    expect(sortValueOf({ rank: null }, 'rank')).toBeNull();
    expect(sortValueOf({}, 'rank')).toBeNull();
  });
});

/**
 * The filters and sorts run against documents by MongoDB's rules for the operators used here (equality and null
 * matching missing, comparisons within one BSON type, $or/$and; sort: missing lowest, then numbers, then strings
 * byte-wise), so paging is checked end to end without a server.
 */
describe('paging with the built queries (MongoDB semantics emulated)', () => {
  interface Row {
    _id: string;
    data: Record<string, unknown>;
  }
  type Filter = Record<string, unknown>;

  const typeRank = (v: unknown): number => (v === undefined || v === null ? 0 : typeof v === 'number' ? 1 : 2);
  const compareValues = (a: unknown, b: unknown): number => {
    const [ta, tb] = [typeRank(a), typeRank(b)];
    if (ta !== tb) return ta - tb;
    if (ta === 0) return 0;
    return ta === 1 ? (a as number) - (b as number) : compareStrings(a as string, b as string);
  };
  const valueAt = (row: Row, path: string): unknown => (path === '_id' ? row._id : row.data[path.replace(/^data\./, '')]);
  const matchCondition = (value: unknown, condition: unknown): boolean => {
    if (condition === null) return value === null || value === undefined;
    if (typeof condition !== 'object') return typeRank(value) === typeRank(condition) && compareValues(value, condition) === 0;
    return Object.entries(condition as Record<string, unknown>).every(([op, operand]) => {
      if (op === '$ne') return !matchCondition(value, operand);
      if (typeRank(value) !== typeRank(operand) || typeRank(value) === 0) return false;
      const cmp = compareValues(value, operand);
      return op === '$gt' ? cmp > 0 : op === '$lt' ? cmp < 0 : (() => { throw new Error(`unsupported ${op}`); })();
    });
  };
  const matches = (row: Row, filter: Filter): boolean =>
    Object.entries(filter).every(([key, condition]) => {
      if (key === '$or') return (condition as Filter[]).some((f) => matches(row, f));
      if (key === '$and') return (condition as Filter[]).every((f) => matches(row, f));
      return matchCondition(valueAt(row, key), condition);
    });
  const run = (rows: Row[], find: MongoFind): Row[] =>
    rows
      .filter((row) => matches(row, find.filter as Filter))
      .sort((a, b) => {
        for (const [path, direction] of find.sort) {
          const cmp = compareValues(valueAt(a, path), valueAt(b, path));
          if (cmp !== 0) return direction * cmp;
        }
        return 0;
      })
      .slice(0, find.limit);

  const rows: Row[] = Array.from({ length: 60 }, (_, i) => ({
    _id: `p${String((i * 37) % 60).padStart(2, '0')}`,
    data: {
      ...(i % 7 === 0 ? {} : { rank: (i % 5) - 2 }),
      ...(i % 6 === 0 ? { name: null } : { name: ['b', 'B', 'a', 'ab', 'ä'][i % 5] }),
      group: i % 3 === 0 ? 'three' : 'other',
    },
  }));

  function pageThrough(query: FindQuery, limit: number): string[] {
    const seen: string[] = [];
    let next: string | undefined;
    for (let page = 0; page < 100; page++) {
      const resolved = resolveFindQuery(definition, { ...query, limit, cursor: next });
      const found = run(rows, buildMongoFind(definition.name, resolved));
      const items = found.slice(0, limit);
      seen.push(...items.map((row) => row._id));
      const last = items[items.length - 1];
      if (found.length <= limit || !last) return seen;
      next = encodeFindCursor({
        field: resolved.sort?.field ?? null,
        direction: resolved.direction,
        value: resolved.sort ? sortValueOf(last.data, resolved.sort.field) : null,
        id: last._id,
      });
    }
    throw new Error('paging did not end');
  }

  const expected = (field: 'rank' | 'name', direction: 'asc' | 'desc', filter: (row: Row) => boolean = () => true): string[] =>
    rows
      .filter(filter)
      .sort((a, b) => (direction === 'asc' ? 1 : -1) * (compareValues(a.data[field], b.data[field]) || compareStrings(a._id, b._id)))
      .map((row) => row._id);

  it.each([
    ['rank', 'asc', 7],
    ['rank', 'desc', 7],
    ['name', 'asc', 4],
    ['name', 'desc', 4],
    ['rank', 'desc', 10],
  ] as const)('visits every document once, in order, sorted by %s %s in pages of %d', (field, direction, limit) => {
    expect(pageThrough({ sort: { field, direction } }, limit)).toEqual(expected(field, direction));
  });

  it('pages a filtered, sorted query', () => {
    const seen = pageThrough({ where: { group: 'three' }, sort: { field: 'rank', direction: 'desc' } }, 3);
    expect(seen).toEqual(expected('rank', 'desc', (row) => row.data.group === 'three'));
  });

  it('pages by id', () => {
    expect(pageThrough({}, 8)).toEqual(rows.map((row) => row._id).sort(compareStrings));
  });
});
