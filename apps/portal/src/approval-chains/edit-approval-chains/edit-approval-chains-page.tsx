import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { useSessionUser } from '../../auth/use-session';
import { ErrorState, LoadingState } from '../../shared/query-states';
import { USER_LIST_READERS, useOrganizationUsers } from '../shared/organization-users';
import { ChainsEditor } from './chains-editor';
import { ChainsSummary } from './chains-summary';

/** Who changes the chains; the other roles that reach this screen read them. */
const EDITORS = ['org_admin'];

export const chainsKey = (orgId: string) => ['approval-chains', orgId] as const;

/**
 * An organization's approval chains: which of its admins and billing admins approve a request, step by step, before
 * the reseller's step. Its admins edit them; its billing admins and viewers, and the reseller, read them.
 */
export default function EditApprovalChainsPage() {
  const { orgId = '' } = useParams();
  const me = useSessionUser();
  const mayEdit = EDITORS.includes(me?.role ?? '');
  // The chains come with their ETag: a save sends it as If-Match, so a change made meanwhile is not overwritten.
  const chains = useQuery({
    queryKey: chainsKey(orgId),
    queryFn: async () => {
      const result = await api.GET('/api/v1/organizations/{orgId}/approval-chains', { params: { path: { orgId } } });
      return { chains: unwrap(result), etag: result.response.headers.get('ETag') };
    },
  });
  const store = useQuery({
    queryKey: ['store', orgId],
    queryFn: async () => unwrap(await api.GET('/api/v1/organizations/{orgId}/store', { params: { path: { orgId } } })),
  });
  const users = useOrganizationUsers(orgId, USER_LIST_READERS.includes(me?.role ?? ''));

  for (const [query, title] of [
    [chains, 'The approval chains could not be loaded'],
    [store, 'The e-store could not be loaded'],
    [users, "The organization's users could not be loaded"],
  ] as const)
    if (query.isError) return <ErrorState title={title} error={query.error} onRetry={() => void query.refetch()} />;
  if (!chains.data || !store.data || (users.isLoading && !users.data)) return <LoadingState label="Loading the approval chains" />;

  return (
    <Stack gap="md" maw={820}>
      {me?.role === 'reseller_admin' && (
        <Anchor component={Link} to={`/organizations/${orgId}`} size="sm">
          ← The organization
        </Anchor>
      )}
      <div>
        <Title order={2}>Approval chains</Title>
        <Text size="sm" c="dimmed">
          Who in the organization approves a request, step by step, before your provider's approval. The first rule whose condition matches a request picks its steps; a
          request no rule matches goes straight to your provider's approval, as without chains.
        </Text>
      </div>
      {mayEdit ? (
        // A new version (a save, a clear, a reload) starts the form again from what the server holds.
        <ChainsEditor key={chains.data.etag ?? 'none'} orgId={orgId} chains={chains.data.chains} etag={chains.data.etag} store={store.data.items} users={users.data ?? []} />
      ) : (
        <ChainsSummary chains={chains.data.chains} store={store.data.items} users={users.data} me={me} />
      )}
    </Stack>
  );
}
