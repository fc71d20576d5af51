import { Alert, Button, Group, Modal, MultiSelect, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api/api-client';
import { ApiError, messageOf, unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { LoadingState } from '../../shared/query-states';
import type { Subscription } from './subscription';
import { READABLE_ALERT, NAMED_CLOSE_BUTTON } from '../../store/shared/readable-props';

type User = components['schemas']['UserListItemResponse'];

/** Every user of the organization (the list answers at most 500 a page). */
async function allUsers(orgId: string): Promise<User[]> {
  const users: User[] = [];
  let cursor: string | undefined;
  do {
    const page = unwrap(await api.GET('/api/v1/organizations/{orgId}/users', { params: { path: { orgId }, query: { limit: 500, ...(cursor ? { cursor } : {}) } } }));
    users.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return users;
}

/**
 * Who holds the subscription's licences. Assigning, unassigning and moving a licence (take it from one user, give it
 * to another) are one save: the API sets the holders to the chosen users, never more than the quantity.
 */
export function AssignLicencesDialog({ orgId, subscriptionId, onClose }: { orgId: string; subscriptionId: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  // Read from the subscription's stream with its ETag: a save sends it as If-Match, so a change made meanwhile is kept.
  const subscription = useQuery({
    queryKey: ['subscription', orgId, subscriptionId],
    queryFn: async () => {
      const result = await api.GET('/api/v1/organizations/{orgId}/subscriptions/{subscriptionId}', { params: { path: { orgId, subscriptionId } } });
      return { subscription: unwrap(result), etag: result.response.headers.get('ETag') };
    },
    gcTime: 0,
  });
  const users = useQuery({ queryKey: ['all-users', orgId], queryFn: () => allUsers(orgId) });
  const [holders, setHolders] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [saved, setSaved] = useState<Subscription | null>(null);
  const [saving, setSaving] = useState(false);

  const current = subscription.data?.subscription;
  useEffect(() => {
    if (current) setHolders(current.assignedUserIds);
  }, [current]);

  if (subscription.isError || users.isError)
    return (
      <Modal opened onClose={onClose} closeButtonProps={NAMED_CLOSE_BUTTON} title="Assign licences" centered>
        <Alert color="red" role="alert">
          {messageOf(subscription.error ?? users.error)}
        </Alert>
      </Modal>
    );

  const save = async () => {
    if (!subscription.data) return;
    setFailure(null);
    setFieldError(null);
    setSaving(true);
    try {
      const etag = subscription.data.etag;
      const result = await api.PUT('/api/v1/organizations/{orgId}/subscriptions/{subscriptionId}/assignments', {
        params: { path: { orgId, subscriptionId }, header: etag ? { 'If-Match': etag } : {} },
        body: { userIds: holders },
      });
      const answer = unwrap(result);
      setSaved(answer);
      // The answer is the subscription as written; the list (a read model) may not show it yet, so it is patched in.
      queryClient.setQueriesData<{ items: Subscription[]; nextCursor: string | null }>({ queryKey: ['subscriptions', orgId] }, (page) =>
        page ? { ...page, items: page.items.map((item) => (item.id === answer.id ? answer : item)) } : page,
      );
      void queryClient.invalidateQueries({ queryKey: ['users', orgId] });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setFailure('The licences changed meanwhile. Close and open this again to see who holds them now.');
      else if (error instanceof ApiError && error.fieldErrors['userIds']) setFieldError(error.fieldErrors['userIds']);
      else setFailure(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  const usernames = new Map((users.data ?? []).map((user) => [user.id, user.username]));
  // Active users may be given a licence; a current holder stays listed whatever their status.
  const options = (users.data ?? []).filter((user) => user.status === 'active' || holders.includes(user.id)).map((user) => ({ value: user.id, label: user.username }));
  for (const id of holders) if (!usernames.has(id)) options.push({ value: id, label: id });

  return (
    <Modal opened onClose={onClose} closeButtonProps={NAMED_CLOSE_BUTTON} title={current ? `Assign licences of ${current.productName}` : 'Assign licences'} centered size="lg">
      {!current || !users.data ? (
        <LoadingState label="Loading the licences" />
      ) : saved ? (
        <Stack>
          <Alert styles={READABLE_ALERT} color="teal" title="Saved" role="status">
            {saved.assignedUserIds.length} of {saved.quantity} licences are assigned: {saved.assignedUserIds.map((id) => usernames.get(id) ?? id).join(', ') || 'none'}.
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>Close</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text size="sm">
            {holders.length} of {current.quantity} licences assigned. To move a licence, remove its holder and add the new one, then save: both happen in one step.
          </Text>
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <MultiSelect
            label="Licence holders"
            placeholder={holders.length < current.quantity ? 'Add a user' : undefined}
            data={options}
            value={holders}
            onChange={(value) => {
              setFieldError(null);
              setHolders(value);
            }}
            maxValues={current.quantity}
            searchable
            clearable
            nothingFoundMessage="No such active user"
            error={fieldError}
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button onClick={() => void save()} loading={saving}>
              Save licences
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
