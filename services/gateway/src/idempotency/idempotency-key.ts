import { createHash } from 'node:crypto';
import { nameBasedId } from '@broker/contracts';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Printable ASCII without spaces at either end, at most 255 characters (what clients send: UUIDs, ULIDs, hashes). */
const KEY_PATTERN = /^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/;

export function isValidIdempotencyKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/**
 * Where a key's record is kept: a hash of who sent it and the key, so one user's keys never meet another's and the
 * record's name reveals neither.
 */
export function idempotencyRecordName(userId: string, key: string): string {
  return createHash('sha256').update(`${userId}\n${key}`).digest('hex');
}

/**
 * The id of the command a keyed request makes (a new transaction, a decision): the same key of the same user always
 * names the same command, so the services' idempotent writes make a repeated request harmless even without the
 * gateway's record.
 */
export function commandIdOf(userId: string, key: string): string {
  return nameBasedId(`idempotency-key:${userId}:${key}`);
}

/**
 * What makes two requests "the same request": method, path (with its query) and body. JSON bodies are compared by
 * content, whatever the order of their fields; a text body byte for byte.
 */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method.toUpperCase()} ${path}\n`).update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return `text:${value}`;
  return `json:${JSON.stringify(sorted(value))}`;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
