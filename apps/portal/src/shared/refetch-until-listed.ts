import type { QueryClient, QueryKey } from '@tanstack/react-query';

const POLL_MS = 400;
const TRIES = 15;

/**
 * Lists are read models that may lag a write by a moment: after a create, the list's pages on screen are fetched again
 * until one of them holds the new item (or a few seconds have passed: it may be on a page not shown).
 */
export async function refetchUntilListed(queryClient: QueryClient, queryKey: QueryKey, id: string): Promise<void> {
  for (let i = 0; i < TRIES; i++) {
    await queryClient.refetchQueries({ queryKey, type: 'active' });
    const pages = queryClient.getQueriesData<{ items: { id: string }[] }>({ queryKey });
    if (pages.some(([, page]) => page?.items.some((item) => item.id === id))) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
