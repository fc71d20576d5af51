import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, messageOf } from '../../api/problem';
import { useSessionUser } from '../../auth/use-session';
import { ErrorState, LoadingState } from '../../shared/query-states';
import { ORGANIZATION_WEBHOOK_WRITERS, RESELLER_WEBHOOK_WRITERS } from '../shared/webhooks-links';
import { fetchEndpoints, updateEndpoint, webhooksKey } from '../shared/webhook-requests';
import { DeliveryLog } from '../webhook-deliveries/delivery-log';
import { DeleteWebhookDialog } from './delete-webhook-dialog';
import { RotateSecretDialog } from './rotate-secret-dialog';
import { SecretPanel, type RevealedSecret } from './secret-panel';
import { WebhookCard } from './webhook-card';
import { WebhookEditor } from './webhook-editor';
import { endpointName, webhooksScope, type WebhookEndpoint, type WebhooksScope } from './webhook-form';

/** An organization or reseller has at most 20 endpoints: one page holds them all. */
const PAGE_SIZE = 100;

const INTRO: Record<WebhooksScope['kind'], string> = {
  organization: "The organization's events are POSTed to each endpoint that subscribes to their type, signed with the endpoint's secret (Standard Webhooks).",
  reseller: "Your reseller's events and its organizations' are POSTed to each endpoint that subscribes to their type, signed with the endpoint's secret (Standard Webhooks).",
};

/**
 * The webhook endpoints of an organization (`/organizations/:orgId/webhooks`) or of the reseller admin's reseller
 * (`/webhooks`): each with its status, failures in a row, event types and delivery log. Writers register one (its
 * secret shown once), change, disable or enable, rotate its secret (the new one shown once), delete it and redeliver.
 */
export default function WebhooksPage() {
  const { orgId } = useParams();
  const me = useSessionUser();
  const queryClient = useQueryClient();
  const scope = useMemo(() => webhooksScope(me, orgId), [me, orgId]);
  const mayEdit = (scope?.kind === 'organization' ? ORGANIZATION_WEBHOOK_WRITERS : RESELLER_WEBHOOK_WRITERS).includes(me?.role ?? '');
  const [editing, setEditing] = useState<WebhookEndpoint | null>(null);
  const [rotating, setRotating] = useState<WebhookEndpoint | null>(null);
  const [deleting, setDeleting] = useState<WebhookEndpoint | null>(null);
  const [toggling, setToggling] = useState<string | null>(null);
  const [showingLog, setShowingLog] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const endpoints = useQuery({
    queryKey: scope ? webhooksKey(scope) : ['webhooks', null],
    queryFn: async () => fetchEndpoints(scope!, { limit: PAGE_SIZE }),
    enabled: scope !== null,
  });

  if (!scope) {
    return (
      <Stack gap="sm">
        <Title order={2}>Webhooks</Title>
        <Alert color="yellow" role="alert">
          Your role has no webhooks here.
        </Alert>
      </Stack>
    );
  }

  const refresh = () => queryClient.invalidateQueries({ queryKey: webhooksKey(scope) });
  const forbidden = endpoints.error instanceof ApiError && endpoints.error.status === 403;
  if (endpoints.isError && !endpoints.data) {
    return (
      <Stack gap="sm">
        <Title order={2}>Webhooks</Title>
        {forbidden ? (
          <ErrorState title="You may not read these webhooks" error={endpoints.error} />
        ) : (
          <ErrorState title="The webhooks could not be loaded" error={endpoints.error} onRetry={() => void endpoints.refetch()} />
        )}
      </Stack>
    );
  }
  if (!endpoints.data) return <LoadingState label="Loading the webhooks" />;

  const list = endpoints.data.items;
  const shownLog = list.find((endpoint) => endpoint.endpointId === showingLog) ?? null;

  const toggle = async (endpoint: WebhookEndpoint) => {
    setFailure(null);
    setToggling(endpoint.endpointId);
    try {
      const changed = await updateEndpoint(scope, endpoint.endpointId, { enabled: endpoint.status !== 'active' });
      await refresh();
      notifications.show({
        color: 'green',
        title: changed.status === 'active' ? 'Enabled' : 'Disabled',
        message: changed.status === 'active' ? `${endpointName(changed)} is enabled: its paused deliveries go out again.` : `${endpointName(changed)} is disabled: its deliveries wait until it is enabled.`,
      });
    } catch (error) {
      setFailure(`The endpoint could not be changed: ${messageOf(error)}`);
    } finally {
      setToggling(null);
    }
  };

  return (
    <Stack gap="md" maw={980}>
      {me?.role === 'reseller_admin' && scope.kind === 'organization' && (
        <Anchor component={Link} to={`/organizations/${scope.orgId}`} size="sm">
          ← The organization
        </Anchor>
      )}
      <div>
        <Title order={2}>Webhooks</Title>
        <Text size="sm" c="dimmed">
          {INTRO[scope.kind]} A delivery that fails is tried again; an endpoint whose deliveries keep failing is disabled.
        </Text>
      </div>
      {!mayEdit && <Text size="sm">You can read the webhooks; an admin registers and changes them.</Text>}
      {revealed && <SecretPanel revealed={revealed} onDismiss={() => setRevealed(null)} />}
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
      <Stack gap="sm" component="section" aria-label="Webhook endpoints">
        {list.length === 0 ? (
          <Paper withBorder p="md">
            <Text>No endpoint is registered: no event is sent anywhere.</Text>
          </Paper>
        ) : (
          list.map((endpoint) => (
            <WebhookCard
              key={endpoint.endpointId}
              endpoint={endpoint}
              showingLog={showingLog === endpoint.endpointId}
              onShowLog={() => setShowingLog(showingLog === endpoint.endpointId ? null : endpoint.endpointId)}
              actions={
                mayEdit
                  ? {
                      onEdit: () => setEditing(endpoint),
                      onToggle: () => void toggle(endpoint),
                      onRotate: () => setRotating(endpoint),
                      onDelete: () => setDeleting(endpoint),
                      toggling: toggling === endpoint.endpointId,
                    }
                  : undefined
              }
            />
          ))
        )}
      </Stack>
      {shownLog && <DeliveryLog key={shownLog.endpointId} scope={scope} endpointId={shownLog.endpointId} name={endpointName(shownLog)} mayWrite={mayEdit} />}
      {mayEdit && (
        // A new target (another endpoint to change, or a new one) starts the form again from its values.
        <WebhookEditor
          key={editing?.endpointId ?? 'new'}
          scope={scope}
          editing={editing}
          onCreated={(created) => {
            setRevealed({ endpointName: endpointName(created), secret: created.secret, rotated: false });
            void refresh();
            notifications.show({ color: 'green', title: 'Registered', message: `${endpointName(created)} is registered: copy its secret now.` });
          }}
          onChanged={(changed) => {
            setEditing(null);
            void refresh();
            notifications.show({ color: 'green', title: 'Saved', message: `${endpointName(changed)} is saved.` });
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {rotating && (
        <RotateSecretDialog
          scope={scope}
          endpoint={rotating}
          onClose={() => setRotating(null)}
          onRotated={(rotated) => {
            setRotating(null);
            setRevealed({ endpointName: endpointName(rotated), secret: rotated.secret, rotated: true });
            void refresh();
          }}
        />
      )}
      {deleting && (
        <DeleteWebhookDialog
          scope={scope}
          endpoint={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            const name = endpointName(deleting);
            if (editing?.endpointId === deleting.endpointId) setEditing(null);
            if (showingLog === deleting.endpointId) setShowingLog(null);
            setDeleting(null);
            void refresh();
            notifications.show({ color: 'green', title: 'Deleted', message: `${name} is deleted: no event is sent to it any more.` });
          }}
        />
      )}
    </Stack>
  );
}
