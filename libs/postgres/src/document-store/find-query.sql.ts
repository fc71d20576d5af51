import type { ResolvedFindQuery } from '@broker/read-models';
import { collectionPredicate, DOCUMENTS_TABLE, fieldExpression } from './document-store.schema';

export interface SqlQuery {
  text: string;
  values: unknown[];
}

/**
 * Keyset pagination over (sort value, id). Missing values sort lowest: first ascending, last descending, which
 * is also MongoDB's order. One extra row is read to know whether another page exists.
 *
 * The rest of the order after a cursor is expressed as one or two segments, each a condition the partial index
 * can seek to (a row comparison, or IS NULL plus id), so a deep page costs what the first page costs. Two
 * segments (the non-null part and the null part) are read in order with UNION ALL.
 */
export function buildFindSql(qschema: string, collection: string, query: ResolvedFindQuery): SqlQuery {
  const values: unknown[] = [];
  const param = (value: unknown, cast = ''): string => {
    values.push(value);
    return `$${values.length}${cast}`;
  };
  const base = [collectionPredicate(collection)];
  for (const { field, type, value } of query.where) {
    base.push(
      type === 'number'
        ? `${fieldExpression(field, type)} = ${param(String(value), '::numeric')}`
        : `${fieldExpression(field, type)} = ${param(value)}`,
    );
  }

  if (query.range) {
    const { field, type, from, to } = query.range;
    const bound = (value: string | number) => (type === 'number' ? param(String(value), '::numeric') : param(value));
    if (from !== null) base.push(`${fieldExpression(field, type)} >= ${bound(from)}`);
    if (to !== null) base.push(`${fieldExpression(field, type)} < ${bound(to)}`);
  }

  const desc = query.direction === 'desc';
  const op = desc ? '<' : '>';
  const dir = desc ? 'DESC' : 'ASC';
  const table = `${qschema}.${DOCUMENTS_TABLE}`;
  const fetch = query.limit + 1;

  if (!query.sort) {
    const conditions = query.cursor ? [...base, `id ${op} ${param(query.cursor.id)}`] : base;
    return {
      text: `SELECT id, data, version, NULL::text AS sort_value FROM ${table} WHERE ${conditions.join(' AND ')} ORDER BY id ${dir} LIMIT ${fetch}`,
      values,
    };
  }

  const { field, type } = query.sort;
  const expression = fieldExpression(field, type);
  const orderBy = `${expression} ${dir} ${desc ? 'NULLS LAST' : 'NULLS FIRST'}, id ${dir}`;
  let segments: string[][];
  const cursor = query.cursor;
  if (!cursor) {
    segments = [[]];
  } else if (cursor.value === null) {
    const id = param(cursor.id);
    segments = desc
      ? [[`${expression} IS NULL`, `id < ${id}`]]
      : [[`${expression} IS NULL`, `id > ${id}`], [`${expression} IS NOT NULL`]];
  } else {
    const v = type === 'number' ? param(String(cursor.value), '::numeric') : param(String(cursor.value));
    const after = `(${expression}, id) ${op} (${v}, ${param(cursor.id)})`;
    segments = desc ? [[after], [`${expression} IS NULL`]] : [[after]];
  }

  const select = (extra: string[], segment: number): string =>
    `SELECT ${segment} AS segment, id, data, version, data->>'${field}' AS sort_value, ${expression} AS sort_key ` +
    `FROM ${table} WHERE ${[...base, ...extra].join(' AND ')} ORDER BY ${orderBy} LIMIT ${fetch}`;

  if (segments.length === 1) {
    return {
      text:
        `SELECT id, data, version, data->>'${field}' AS sort_value FROM ${table} ` +
        `WHERE ${[...base, ...segments[0]!].join(' AND ')} ORDER BY ${orderBy} LIMIT ${fetch}`,
      values,
    };
  }
  const parts = segments.map((extra, index) => `(${select(extra, index)})`).join(' UNION ALL ');
  return {
    text:
      `SELECT id, data, version, sort_value FROM (${parts}) page ` +
      `ORDER BY segment, sort_key ${dir} ${desc ? 'NULLS LAST' : 'NULLS FIRST'}, id ${dir} LIMIT ${fetch}`,
    values,
  };
}
