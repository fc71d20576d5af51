import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/api-client';
import { messageOf, unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { ErrorState, LoadingState } from '../../shared/query-states';

type User = components['schemas']['UserListItemResponse'];
type Subscription = components['schemas']['SubscriptionResponse'];

/** The most subscriptions an organization lists at once (the API's largest page). */
const SUBSCRIPTIONS_PAGE = 500;

/**
 * Assign services: which of the organization's subscriptions give this user a licence. A subscription whose
 * licences are all held by others cannot be ticked; each changed subscription is saved on its own.
 */
export function AssignServicesDialog({ orgId, user, onClose, onSaved }: { orgId: string; user: User; onClose: () => void; onSaved: () => void }) {
  const subscriptions = useQuery({
    queryKey: ['subscriptions', orgId],
    queryFn: async () => unwrap(await api.GET('/api/v1/organizations/{orgId}/subscriptions', { params: { path: { orgId }, query: { limit: SUBSCRIPTIONS_PAGE } } })),
  });

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Assign services to ${user.username}`}>
      {subscriptions.isError ? (
        <ErrorState title="The services could not be loaded" error={subscriptions.error} onRetry={() => void subscriptions.refetch()} />
      ) : !subscriptions.data ? (
        <LoadingState label="Loading the services" />
      ) : (
        <AssignmentsForm orgId={orgId} user={user} subscriptions={subscriptions.data.items.filter((s) => s.status === 'active')} onClose={onClose} onSaved={onSaved} />
      )}
    </Modal>
  );
}

function AssignmentsForm({ orgId, user, subscriptions, onClose, onSaved }: { orgId: string; user: User; subscriptions: Subscription[]; onClose: () => void; onSaved: () => void }) {
  const holds = (subscription: Subscription) => subscription.assignedUserIds.includes(user.id);
  const [ticked, setTicked] = useState<Set<string>>(() => new Set(subscriptions.filter(holds).map((s) => s.id)));
  const [failures, setFailures] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const changed = subscriptions.filter((subscription) => ticked.has(subscription.id) !== holds(subscription));

  const save = async () => {
    setFailures([]);
    setSaving(true);
    const failed: string[] = [];
    for (const subscription of changed) {
      const userIds = ticked.has(subscription.id) ? [...subscription.assignedUserIds, user.id] : subscription.assignedUserIds.filter((id) => id !== user.id);
      try {
        unwrap(await api.PUT('/api/v1/organizations/{orgId}/subscriptions/{subscriptionId}/assignments', { params: { path: { orgId, subscriptionId: subscription.id } }, body: { userIds } }));
      } catch (error) {
        failed.push(`${subscription.productName}: ${messageOf(error)}`);
      }
    }
    setSaving(false);
    if (failed.length > 0) {
      setFailures(failed);
      return;
    }
    notifications.show({ color: 'green', title: 'Services assigned', message: `${user.username} holds ${ticked.size} service(s).` });
    onSaved();
  };

  if (subscriptions.length === 0) {
    return (
      <Stack gap="sm">
        <Text size="sm">The organization has no active services yet: order them in the e-store first.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="sm">
      {failures.length > 0 && (
        <Alert color="red" role="alert" title="Some services were not saved">
          {failures.map((failure) => (
            <Text key={failure} size="sm">
              {failure}
            </Text>
          ))}
        </Alert>
      )}
      <Text size="sm">A licence of each ticked service goes to this user.</Text>
      <Stack gap="xs" role="group" aria-label="Services">
          {subscriptions.map((subscription) => {
            const on = ticked.has(subscription.id);
            const othersHold = subscription.assignedUserIds.filter((id) => id !== user.id).length;
            const full = !on && othersHold >= subscription.quantity;
            return (
              <Checkbox
                key={subscription.id}
                checked={on}
                disabled={full}
                label={subscription.productName}
                description={`${othersHold + (on ? 1 : 0)} of ${subscription.quantity} licences assigned${full ? ': none left' : ''}`}
                onChange={(event) => {
                  const next = new Set(ticked);
                  if (event.currentTarget.checked) next.add(subscription.id);
                  else next.delete(subscription.id);
                  setTicked(next);
                }}
              />
            );
          })}
      </Stack>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button loading={saving} disabled={changed.length === 0} onClick={() => void save()}>
          Save
        </Button>
      </Group>
    </Stack>
  );
}
