import { readFileSync } from 'node:fs';

/**
 * The clock overdue approval steps are judged by: the machine's, moved forward by the milliseconds written in
 * `offsetFile` when one is configured (read at every call, so a test moves time without restarting anything). A file
 * that is missing or does not hold a whole number counts as no offset.
 */
export function stepClock(offsetFile: string | undefined, now: () => number = Date.now): () => Date {
  if (!offsetFile) return () => new Date(now());
  return () => new Date(now() + offsetIn(offsetFile));
}

function offsetIn(file: string): number {
  try {
    const offset = Number(readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(offset) ? offset : 0;
  } catch {
    return 0;
  }
}
