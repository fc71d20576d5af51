import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';

export type Transaction = components['schemas']['TransactionResponse'];

const PAGE = 500;
const MAX_PAGES = 10;

/**
 * One transaction of an organization, from its transactions list (the API has no single-transaction read): newest
 * first, so a recent one is on the first page. Null when it is not there (yet: the list is a read model).
 */
export async function findTransaction(orgId: string, transactionId: string, maxPages = MAX_PAGES): Promise<Transaction | null> {
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer = unwrap(await api.GET('/api/v1/organizations/{orgId}/transactions', { params: { path: { orgId }, query: { limit: PAGE, ...(cursor ? { cursor } : {}) } } }));
    const found = answer.items.find((item) => item.id === transactionId);
    if (found) return found;
    if (!answer.nextCursor) return null;
    cursor = answer.nextCursor;
  }
  return null;
}
