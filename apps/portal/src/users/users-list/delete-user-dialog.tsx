import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { api } from '../../api/api-client';
import { messageOf, unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';

type User = components['schemas']['UserListItemResponse'];

/** Delete, after a confirmation: the user can no longer log in and their licences are freed. */
export function DeleteUserDialog({ orgId, user, onClose, onDeleted }: { orgId: string; user: User; onClose: () => void; onDeleted: () => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  const remove = async () => {
    setFailure(null);
    setDeleting(true);
    try {
      unwrap(await api.DELETE('/api/v1/organizations/{orgId}/users/{userId}', { params: { path: { orgId, userId: user.id } } }));
      notifications.show({ color: 'green', title: 'User deleted', message: `${user.username} is deleted.` });
      onDeleted();
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setDeleting(false);
    }
  };

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title="Delete user">
      <Stack gap="sm">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Text size="sm">
          Delete {user.username} ({user.firstName} {user.lastName})? The user can no longer log in. This cannot be undone.
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
