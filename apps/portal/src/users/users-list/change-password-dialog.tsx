import { Alert, Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '../../api/api-client';
import { messageOf, unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { fieldMessages, messageLines } from '../shared/field-messages';
import { PasswordFeedback } from '../shared/password-feedback';

type User = components['schemas']['UserListItemResponse'];

/** Change password: an administrator sets a user's new password, with the rules shown live. */
export function ChangePasswordDialog({ orgId, user, onClose }: { orgId: string; user: User; onClose: () => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const [passwordErrors, setPasswordErrors] = useState<string[]>([]);
  const {
    register,
    watch,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<{ password: string }>({ defaultValues: { password: '' } });
  const password = watch('password');

  const save = handleSubmit(async ({ password: newPassword }) => {
    setFailure(null);
    setPasswordErrors([]);
    try {
      unwrap(await api.PUT('/api/v1/organizations/{orgId}/users/{userId}/password', { params: { path: { orgId, userId: user.id } }, body: { password: newPassword } }));
      notifications.show({ color: 'green', title: 'Password changed', message: `${user.username} logs in with the new password.` });
      onClose();
    } catch (error) {
      const broken = fieldMessages(error, 'password');
      setPasswordErrors(broken);
      setFailure(broken.length > 0 ? 'The password breaks the rules shown next to it.' : messageOf(error));
    }
  });

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Change password of ${user.username}`}>
      <form onSubmit={(event) => void save(event)} noValidate aria-label={`Change password of ${user.username}`}>
        <Stack gap="sm">
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            required
            aria-describedby="user-password-rules"
            error={errors.password?.message ?? messageLines(passwordErrors)}
            {...register('password', { required: 'Enter the new password', onChange: () => setPasswordErrors([]) })}
          />
          <PasswordFeedback id="user-password-rules" password={password} subject={user} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={isSubmitting}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
