import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/api-client';
import { ApiError, messageOf, unwrap } from '../../api/problem';
import type { ApprovalChains } from './chains-form';

/** Clear, after a confirmation, under the version read (If-Match): requests go straight to the reseller's step again. */
export function ClearChainsDialog({
  orgId,
  etag,
  onClose,
  onStale,
  onCleared,
}: {
  orgId: string;
  etag: string | null;
  onClose: () => void;
  onStale: () => void;
  onCleared: (chains: ApprovalChains, etag: string | null) => void;
}) {
  const [failure, setFailure] = useState<string | null>(null);
  const [clearing, setClearing] = useState(false);

  const clear = async () => {
    setFailure(null);
    setClearing(true);
    try {
      const result = await api.DELETE('/api/v1/organizations/{orgId}/approval-chains', { params: { path: { orgId }, header: etag ? { 'If-Match': etag } : {} } });
      onCleared(unwrap(result), result.response.headers.get('ETag'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) onStale();
      else setFailure(messageOf(error));
    } finally {
      setClearing(false);
    }
  };

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title="Clear the approval chains" centered>
      <Stack gap="sm">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Text size="sm">Remove every rule? From the next request on, requests go straight to your provider's approval.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red.9" loading={clearing} onClick={() => void clear()}>
            Clear
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
