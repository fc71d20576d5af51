import { unstorableTextProblem } from '@broker/contracts';
import type { FieldError } from '@broker/platform';

/** Deeper input is refused before validation, whose recursion would otherwise overflow the stack. */
export const MAX_INPUT_DEPTH = 32;

/** Keys that name the prototype machinery: JSON.parse keeps them as plain keys, and transformers drop them silently. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Reported at most: enough to fix a request, bounded for a hostile one. */
const MAX_ERRORS = 20;

/**
 * Every problem of parsed input (a JSON body, a query, route parameters) that no validation rule should ever see:
 * nesting deeper than MAX_INPUT_DEPTH, prototype keys, and text (values and keys) the stores cannot hold. Fields are
 * dotted paths below `root` (`admin.firstName`, `products.0.price`); a value at the top of an unnamed root is `root`.
 * Iterative, so no input can exhaust the stack.
 */
export function inputProblems(input: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: input, path: root, depth: 0 }];
  while (pending.length > 0 && errors.length < MAX_ERRORS) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string') {
      const problem = unstorableTextProblem(value);
      if (problem) errors.push({ field: path || 'body', message: `${path || 'body'} ${problem}` });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      errors.push({ field: path || 'body', message: `input must not be nested more than ${MAX_INPUT_DEPTH} levels deep` });
      break;
    }
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
    for (const [key, item] of entries.reverse()) {
      const field = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) {
        errors.push({ field, message: `property ${key} is not allowed` });
        continue;
      }
      const keyProblem = unstorableTextProblem(key);
      if (keyProblem) {
        errors.push({ field: JSON.stringify(field).slice(1, -1), message: `property names ${keyProblem}` });
        continue;
      }
      pending.push({ value: item, path: field, depth: depth + 1 });
    }
  }
  return errors.slice(0, MAX_ERRORS);
}
