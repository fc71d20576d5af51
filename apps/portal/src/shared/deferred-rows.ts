import { useDeferredValue } from 'react';

const NO_ROWS: never[] = [];

/**
 * A list's rows, drawn in a transition: the screen answers at once with the rows it shows, and React draws a new
 * page (up to 500 rows) in slices it can interrupt, instead of one task that freezes input until every row is made.
 */
export function useDeferredRows<T>(items: T[] | undefined): T[] {
  return useDeferredValue(items ?? NO_ROWS);
}
