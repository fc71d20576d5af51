import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import type { ActivityScope } from './activity-format';

type ActivityQuery = { action?: string; actorId?: string; from?: string; to?: string; limit?: number; cursor?: string };

/** One page of the scope's list, newest first. */
export async function fetchActivityPage(scope: ActivityScope, query: ActivityQuery) {
  switch (scope.kind) {
    case 'organization':
      return unwrap(await api.GET('/api/v1/organizations/{orgId}/activity', { params: { path: { orgId: scope.orgId }, query } }));
    case 'reseller':
      return unwrap(await api.GET('/api/v1/resellers/{resellerId}/activity', { params: { path: { resellerId: scope.resellerId }, query } }));
    case 'platform':
      return unwrap(await api.GET('/api/v1/activity', { params: { query } }));
  }
}

/**
 * Every matching entry as the API's CSV (its first 10,000: `more` says the API had others, under its `Link: rel=next`),
 * with the file name the API gives.
 */
export async function fetchActivityCsv(scope: ActivityScope, query: ActivityQuery): Promise<{ csv: Blob; name: string; more: boolean }> {
  const csvRequest = { headers: { Accept: 'text/csv' }, parseAs: 'blob' } as const;
  const result =
    scope.kind === 'organization'
      ? await api.GET('/api/v1/organizations/{orgId}/activity', { params: { path: { orgId: scope.orgId }, query }, ...csvRequest })
      : scope.kind === 'reseller'
        ? await api.GET('/api/v1/resellers/{resellerId}/activity', { params: { path: { resellerId: scope.resellerId }, query }, ...csvRequest })
        : await api.GET('/api/v1/activity', { params: { query }, ...csvRequest });
  const csv = unwrap(result);
  const name = /filename="([^"]+)"/.exec(result.response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'activity.csv';
  return { csv, name, more: /rel="?next"?/.test(result.response.headers.get('Link') ?? '') };
}
