import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { messageOf } from '../../api/problem';
import { deleteEndpoint } from '../shared/webhook-requests';
import { endpointName, type WebhookEndpoint, type WebhooksScope } from './webhook-form';

/** Delete an endpoint after a confirmation: no event is sent to it any more, and its delivery log goes with it. */
export function DeleteWebhookDialog({ scope, endpoint, onClose, onDeleted }: { scope: WebhooksScope; endpoint: WebhookEndpoint; onClose: () => void; onDeleted: () => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  const remove = async () => {
    setFailure(null);
    setDeleting(true);
    try {
      await deleteEndpoint(scope, endpoint.endpointId);
      onDeleted();
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setDeleting(false);
    }
  };

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title="Delete the endpoint" centered>
      <Stack gap="sm">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          Delete {endpointName(endpoint)}? No event is sent to {endpoint.url} any more, and its delivery log is deleted with it.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red.9" loading={deleting} onClick={() => void remove()}>
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
