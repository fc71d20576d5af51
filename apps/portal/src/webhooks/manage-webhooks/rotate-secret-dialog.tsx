import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { messageOf } from '../../api/problem';
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
  const [failure, setFailure] = useState<string | null>(null);
  const [rotating, setRotating] = useState(false);

  const rotate = async () => {
    setFailure(null);
    setRotating(true);
    try {
      onRotated(await rotateSecret(scope, endpoint.endpointId));
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setRotating(false);
    }
  };

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title="Rotate the secret" centered>
      <Stack gap="sm">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          Rotate the secret of {endpointName(endpoint)}? The old secret stops signing at once: your receiver needs the new one, shown once after this.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red.9" loading={rotating} onClick={() => void rotate()}>
            Rotate
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
