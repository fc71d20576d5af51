import { ConfirmDialog } from '../../shared/confirm-dialog';
import { rotateSecret } from '../shared/webhook-requests';
import { endpointName, type WebhookEndpoint, type WebhookEndpointWithSecret, type WebhooksScope } from './webhook-form';

/** Rotate an endpoint's secret after a confirmation: the old one stops signing at once; the new one is shown once. */
export function RotateSecretDialog({
  scope,
  endpoint,
  onClose,
  onRotated,
}: {
  scope: WebhooksScope;
  endpoint: WebhookEndpoint;
  onClose: () => void;
  onRotated: (endpoint: WebhookEndpointWithSecret) => void;
}) {
  return (
    <ConfirmDialog title="Rotate the secret" confirmLabel="Rotate" centered onClose={onClose} onConfirm={async () => onRotated(await rotateSecret(scope, endpoint.endpointId))}>
      Rotate the secret of {endpointName(endpoint)}? The old secret stops signing at once: your receiver needs the new one, shown once after this.
    </ConfirmDialog>
  );
}
