import { InvalidQueryError, type ResolvedFindQuery } from '@broker/read-models';
import type { mongo } from 'mongoose';
import { dataPath, type DocumentRow } from './mongo-store.schema';

export type MongoSortDirection = 1 | -1;

export interface MongoFind {
  filter: mongo.Filter<DocumentRow>;
  /** Ordered pairs: the sort field (when any), then the id in the same direction. */
  sort: [string, MongoSortDirection][];
  /** One more than the page, to know whether another page exists. */
  limit: number;
}

/**
 * A resolved query (shared rules: indexes, limit, decoded cursor) as a MongoDB filter and sort. Keyset paging over
 * (sort value, id): missing and null values sort lowest, first ascending and last descending, the same order as the
 * PostgreSQL adapter's. Comparison operators match within one BSON type only, so `$gt: 5` never reaches a string or
 * a null; declared types keep each indexed field uniform (assertDocument), and the cursor value must have the field's
 * type.
 */
export function buildMongoFind(collection: string, query: ResolvedFindQuery): MongoFind {
  const direction: MongoSortDirection = query.direction === 'desc' ? -1 : 1;
  const conditions: mongo.Filter<DocumentRow>[] = query.where.map(({ field, value }) => ({ [dataPath(field)]: value }));
  if (query.range && (query.range.from !== null || query.range.to !== null)) {
    const { field, from, to } = query.range;
    // Comparison operators match within one BSON type: a missing or null field is in no range, as in PostgreSQL.
    conditions.push({ [dataPath(field)]: { ...(from !== null ? { $gte: from } : {}), ...(to !== null ? { $lt: to } : {}) } });
  }
  if (query.cursor) conditions.push(afterCursor(collection, query));
  const filter: mongo.Filter<DocumentRow> = conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0]! : { $and: conditions };
  const sort: [string, MongoSortDirection][] = query.sort
    ? [
        [dataPath(query.sort.field), direction],
        ['_id', direction],
      ]
    : [['_id', direction]];
  return { filter, sort, limit: query.limit + 1 };
}

/** Everything after the cursor's (value, id) in the query's order. */
function afterCursor(collection: string, query: ResolvedFindQuery): mongo.Filter<DocumentRow> {
  const cursor = query.cursor!;
  const desc = query.direction === 'desc';
  const op = desc ? '$lt' : '$gt';
  if (!query.sort) return { _id: { [op]: cursor.id } };

  const path = dataPath(query.sort.field);
  if (cursor.value === null) {
    // Nulls come first ascending (the rest of the nulls, then every value) and last descending (the rest of the nulls).
    return desc
      ? { [path]: null, _id: { $lt: cursor.id } }
      : { $or: [{ [path]: null, _id: { $gt: cursor.id } }, { [path]: { $ne: null } }] };
  }
  if (typeof cursor.value !== query.sort.type) {
    throw new InvalidQueryError(collection, `the cursor's sort value is not a ${query.sort.type}`);
  }
  const after: mongo.Filter<DocumentRow>[] = [{ [path]: { [op]: cursor.value } }, { [path]: cursor.value, _id: { [op]: cursor.id } }];
  if (desc) after.push({ [path]: null });
  return { $or: after };
}

/** The sort value a page's last document leaves in its cursor: null when missing. */
export function sortValueOf(data: unknown, field: string): string | number | null {
  if (typeof data !== 'object' || data === null) return null;
  const value = (data as Record<string, unknown>)[field];
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}
