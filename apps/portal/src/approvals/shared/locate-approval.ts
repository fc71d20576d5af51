import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { findTransaction } from '../../transactions/shared/find-transaction';

const PAGE = 500;
const MAX_PAGES = 20;
const PARALLEL = 4;

export interface ApprovalLocation {
  organizationId: string;
  organizationName: string;
}

/**
 * The organization of a transaction known by its id only (the approval e-mail's link): a pending one is in the
 * reseller's pending approvals; a decided one is looked for in the organizations' recent transactions. Every call
 * is a list the reseller may read, so a link to an unknown transaction costs no refused request. Null if not found.
 */
export async function locateApproval(transactionId: string): Promise<ApprovalLocation | null> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = unwrap(await api.GET('/api/v1/approvals', { params: { query: { status: 'pending', limit: PAGE, ...(cursor ? { cursor } : {}) } } }));
    const pending = answer.items.find((item) => item.transactionId === transactionId);
    if (pending) return { organizationId: pending.organizationId, organizationName: pending.organizationName };
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }

  const organizations: ApprovalLocation[] = [];
  let orgCursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = { limit: PAGE, ...(orgCursor ? { cursor: orgCursor } : {}) };
    const list = unwrap(await api.GET('/api/v1/organizations', { params: { query } }));
    organizations.push(...list.items.map((org) => ({ organizationId: org.id, organizationName: org.name })));
    if (!list.nextCursor) break;
    orgCursor = list.nextCursor;
  }
  for (let start = 0; start < organizations.length; start += PARALLEL) {
    const batch = organizations.slice(start, start + PARALLEL);
    const found = await Promise.all(batch.map(async (org) => ((await findTransaction(org.organizationId, transactionId, 1)) ? org : null)));
    const hit = found.find((org) => org !== null);
    if (hit) return hit;
  }
  return null;
}
