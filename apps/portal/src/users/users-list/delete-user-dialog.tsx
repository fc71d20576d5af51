import { notifications } from '@mantine/notifications';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import type { components } from '../../api/schema.gen';

type User = components['schemas']['UserListItemResponse'];

/** Delete, after a confirmation: the user can no longer log in and their licences are freed. */
export function DeleteUserDialog({ orgId, user, onClose, onDeleted }: { orgId: string; user: User; onClose: () => void; onDeleted: () => void }) {
  const remove = async () => {
    unwrap(await api.DELETE('/api/v1/organizations/{orgId}/users/{userId}', { params: { path: { orgId, userId: user.id } } }));
    notifications.show({ color: 'green', title: 'User deleted', message: `${user.username} is deleted.` });
    onDeleted();
  };

  return (
    <ConfirmDialog title="Delete user" confirmLabel="Delete" onClose={onClose} onConfirm={remove}>
      Delete {user.username} ({user.firstName} {user.lastName})? The user can no longer log in. This cannot be undone.
    </ConfirmDialog>
  );
}
