import { ConfirmDialog } from '../../shared/confirm-dialog';
import { deleteEndpoint } from '../shared/webhook-requests';
import { endpointName, type WebhookEndpoint, type WebhooksScope } from './webhook-form';

/** Delete an endpoint after a confirmation: no event is sent to it any more, and its delivery log goes with it. */
export function DeleteWebhookDialog({ scope, endpoint, onClose, onDeleted }: { scope: WebhooksScope; endpoint: WebhookEndpoint; onClose: () => void; onDeleted: () => void }) {
  return (
    <ConfirmDialog
      title="Delete the endpoint"
      confirmLabel="Delete"
      centered
      onClose={onClose}
      onConfirm={async () => {
        await deleteEndpoint(scope, endpoint.endpointId);
        onDeleted();
      }}
    >
      Delete {endpointName(endpoint)}? No event is sent to {endpoint.url} any more, and its delivery log is deleted with it.
    </ConfirmDialog>
  );
}
