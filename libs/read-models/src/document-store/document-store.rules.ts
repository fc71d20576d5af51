import {
  UnknownIndexError,
  type CollectionDefinition,
  type FindQuery,
  type IndexedFieldType,
  type SortDirection,
} from './document-store.port';
import { InvalidDocumentError, InvalidQueryError } from './document-store.errors';

/**
 * Rules every adapter applies the same way, so PostgreSQL, MongoDB and the in-memory store accept and reject
 * the same inputs.
 */

export const DEFAULT_FIND_LIMIT = 50;
export const MAX_FIND_LIMIT = 500;

const COLLECTION_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function assertCollectionName(name: string): void {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
    throw new InvalidDocumentError(String(name), `collection name must match ${COLLECTION_NAME}`);
  }
}

export function assertCollectionDefinition(definition: CollectionDefinition): void {
  assertCollectionName(definition.name);
  for (const [field, type] of Object.entries(definition.indexes ?? {})) {
    if (!FIELD_NAME.test(field)) {
      throw new InvalidDocumentError(definition.name, `indexed field name must match ${FIELD_NAME}: ${field}`);
    }
    if (type !== 'string' && type !== 'number') {
      throw new InvalidDocumentError(definition.name, `indexed field ${field} has unknown type ${String(type)}`);
    }
  }
}

export function assertDocumentId(collection: string, id: string): void {
  if (typeof id !== 'string' || id.length === 0) throw new InvalidDocumentError(collection, 'id must be a non-empty string');
}

/** Documents are plain JSON objects; indexed fields hold their declared type, or are null or missing. */
export function assertDocument(collection: string, data: unknown, indexes: Record<string, IndexedFieldType> | undefined): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InvalidDocumentError(collection, 'a document must be a plain object');
  }
  for (const [field, type] of Object.entries(indexes ?? {})) {
    const value = (data as Record<string, unknown>)[field];
    if (value === undefined || value === null) continue;
    if (type === 'number' ? !isFiniteNumber(value) : typeof value !== 'string') {
      throw new InvalidDocumentError(collection, `indexed field ${field} must be a ${type === 'number' ? 'finite number' : 'string'}`);
    }
  }
}

export function resolveLimit(collection: string, limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_FIND_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FIND_LIMIT) {
    throw new InvalidQueryError(collection, `limit must be an integer from 1 to ${MAX_FIND_LIMIT}, got ${limit}`);
  }
  return limit;
}

export interface ResolvedFindQuery {
  where: { field: string; type: IndexedFieldType; value: string | number }[];
  /** null: no range; a bound left out is null. */
  range: { field: string; type: IndexedFieldType; from: string | number | null; to: string | number | null } | null;
  /** null: sorted by id only. */
  sort: { field: string; type: IndexedFieldType } | null;
  direction: SortDirection;
  limit: number;
  cursor: FindCursor | null;
}

/** Checks a query against the collection's declared indexes and decodes its cursor. */
export function resolveFindQuery(definition: CollectionDefinition, query: FindQuery = {}): ResolvedFindQuery {
  const collection = definition.name;
  const typeOf = (field: string): IndexedFieldType => {
    const type = Object.prototype.hasOwnProperty.call(definition.indexes, field) ? definition.indexes[field] : undefined;
    if (!type) throw new UnknownIndexError(collection, field);
    return type;
  };
  const where = Object.entries(query.where ?? {}).map(([field, value]) => {
    const type = typeOf(field);
    if (type === 'number' ? !isFiniteNumber(value) : typeof value !== 'string') {
      throw new InvalidQueryError(collection, `where.${field} must be a ${type === 'number' ? 'finite number' : 'string'}`);
    }
    return { field, type, value };
  });
  const range = resolveRange(collection, query.range, typeOf);
  const sort = query.sort ? { field: query.sort.field, type: typeOf(query.sort.field) } : null;
  const direction = query.sort?.direction ?? 'asc';
  if (direction !== 'asc' && direction !== 'desc') throw new InvalidQueryError(collection, `unknown sort direction ${String(direction)}`);
  const limit = resolveLimit(collection, query.limit);
  let cursor: FindCursor | null = null;
  if (query.cursor !== undefined && query.cursor !== null) {
    cursor = decodeFindCursor(collection, query.cursor);
    if (cursor.field !== (sort?.field ?? null) || cursor.direction !== direction) {
      throw new InvalidQueryError(collection, 'the cursor belongs to a query with another sort');
    }
  }
  return { where, range, sort, direction, limit, cursor };
}

function resolveRange(collection: string, range: FindQuery['range'], typeOf: (field: string) => IndexedFieldType): ResolvedFindQuery['range'] {
  if (range === undefined || range === null) return null;
  const type = typeOf(range.field);
  const bound = (name: 'from' | 'to'): string | number | null => {
    const value = range[name];
    if (value === undefined || value === null) return null;
    if (type === 'number' ? !isFiniteNumber(value) : typeof value !== 'string' || !storable(value)) {
      throw new InvalidQueryError(collection, `range.${name} must be a ${type === 'number' ? 'finite number' : 'string'}`);
    }
    return value;
  };
  return { field: range.field, type, from: bound('from'), to: bound('to') };
}

/** Where the previous page ended: the last item's sort value (null when missing) and id. */
export interface FindCursor {
  field: string | null;
  direction: SortDirection;
  value: string | number | null;
  id: string;
}

export function encodeFindCursor(cursor: FindCursor): string {
  const payload = { f: cursor.field, d: cursor.direction, v: cursor.value, i: cursor.id };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** NUL and unpaired surrogates: PostgreSQL cannot hold or compare them, and a forged cursor may carry them. */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (value: unknown): boolean => typeof value !== 'string' || !UNSTORABLE.test(value);

export function decodeFindCursor(collection: string, text: string): FindCursor {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(String(text), 'base64url').toString('utf8'));
  } catch {
    throw new InvalidQueryError(collection, 'malformed cursor');
  }
  const p = payload as { f?: unknown; d?: unknown; v?: unknown; i?: unknown } | null;
  const valid =
    typeof p === 'object' && p !== null &&
    (p.f === null || typeof p.f === 'string') &&
    (p.d === 'asc' || p.d === 'desc') &&
    (p.v === null || typeof p.v === 'string' || isFiniteNumber(p.v)) &&
    typeof p.i === 'string' &&
    storable(p.f) && storable(p.v) && storable(p.i);
  if (!valid) throw new InvalidQueryError(collection, 'malformed cursor');
  return { field: p.f as string | null, direction: p.d as SortDirection, value: p.v as string | number | null, id: p.i as string };
}

/** Byte order of the UTF-8 encodings: PostgreSQL's "C" collation and MongoDB's default string order. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
