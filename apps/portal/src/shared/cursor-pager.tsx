import { Button, Group, NativeSelect, Text } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';

/** The page sizes a list offers; the API answers at most 500 items a page. */
export const PAGE_SIZES = [25, 50, 100, 500] as const;

/**
 * Paging over the API's cursors (`?cursor=`, `nextCursor`): the cursors of the pages seen so far are kept, so
 * Previous goes back without the API knowing page numbers or totals. A new page size starts again at page 1.
 */
export function useCursorPages(initialSize: (typeof PAGE_SIZES)[number] = 50) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [pageSize, setSize] = useState<number>(initialSize);
  const cursor = cursors[cursors.length - 1];
  const page = cursors.length;
  const next = useCallback((nextCursor: string) => setCursors((seen) => [...seen, nextCursor]), []);
  const previous = useCallback(() => setCursors((seen) => (seen.length > 1 ? seen.slice(0, -1) : seen)), []);
  const reset = useCallback(() => setCursors([undefined]), []);
  const setPageSize = useCallback((size: number) => {
    setSize(size);
    setCursors([undefined]);
  }, []);
  /** The list request's `limit` and `cursor`; `key` belongs in the query key. */
  const query = useMemo(() => ({ limit: pageSize, ...(cursor ? { cursor } : {}) }), [pageSize, cursor]);
  const key = useMemo(() => [pageSize, cursor ?? null] as const, [pageSize, cursor]);
  return { cursor, page, pageSize, next, previous, reset, setPageSize, query, key };
}

export type CursorPages = ReturnType<typeof useCursorPages>;

export function CursorPager({ pages, nextCursor, label }: { pages: CursorPages; nextCursor: string | null | undefined; label: string }) {
  return (
    <Group justify="space-between" mt="sm" component="nav" aria-label={`${label} pages`}>
      <Text size="sm" c="dimmed">
        Page {pages.page}
      </Text>
      <Group gap="xs">
        <NativeSelect
          size="xs"
          label="Rows per page"
          styles={{ root: { display: 'flex', alignItems: 'center', gap: 6 }, label: { fontWeight: 400 } }}
          data={PAGE_SIZES.map(String)}
          value={String(pages.pageSize)}
          onChange={(event) => pages.setPageSize(Number(event.currentTarget.value))}
        />
        <Button variant="default" size="xs" disabled={pages.page <= 1} onClick={pages.previous}>
          Previous page
        </Button>
        <Button variant="default" size="xs" disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
          Next page
        </Button>
      </Group>
    </Group>
  );
}
