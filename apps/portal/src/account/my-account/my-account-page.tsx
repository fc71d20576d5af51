import { Alert, Button, Group, Paper, PasswordInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '../../api/api-client';
import { messageOf, unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { ErrorState, LoadingState } from '../../shared/query-states';
import { fieldMessages, messageLines } from '../../users/shared/field-messages';
import { PasswordFeedback } from '../../users/shared/password-feedback';

type Me = components['schemas']['CurrentUserResponse'];
interface PasswordFields {
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
}

/** My account, for every role: who I am, and a change of my own password with the rules shown live. */
export default function MyAccountPage() {
  const me = useQuery({ queryKey: ['me'], queryFn: async () => unwrap(await api.GET('/api/v1/me')) });
  if (me.isError) return <ErrorState title="Your account could not be loaded" error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <LoadingState label="Loading your account" />;
  const user = me.data;
  return (
    <Stack gap="md" maw={720}>
      <Title order={2}>My account</Title>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
          <Detail label="Username" value={user.username} />
          <Detail label="Name" value={`${user.firstName} ${user.lastName}`} />
          <Detail label="Email" value={user.email} />
        </SimpleGrid>
      </Paper>
      <ChangeOwnPasswordForm me={user} />
    </Stack>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </div>
  );
}

function ChangeOwnPasswordForm({ me }: { me: Me }) {
  const [failure, setFailure] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<{ currentPassword: string[]; newPassword: string[] }>({ currentPassword: [], newPassword: [] });
  const {
    register,
    watch,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<PasswordFields>({ defaultValues: { currentPassword: '', newPassword: '', repeatPassword: '' } });
  const newPassword = watch('newPassword');

  const save = handleSubmit(async (fields) => {
    setFailure(null);
    setServerErrors({ currentPassword: [], newPassword: [] });
    try {
      unwrap(await api.PUT('/api/v1/me/password', { body: { currentPassword: fields.currentPassword, newPassword: fields.newPassword } }));
      reset();
      notifications.show({ color: 'green', title: 'Password changed', message: 'Log in with your new password from now on.' });
    } catch (error) {
      const byField = { currentPassword: fieldMessages(error, 'currentPassword'), newPassword: fieldMessages(error, 'newPassword') };
      setServerErrors(byField);
      const shown = byField.currentPassword.length + byField.newPassword.length > 0;
      setFailure(shown ? 'Some fields need a change: see the messages next to them.' : messageOf(error));
    }
  });

  return (
    <Paper withBorder p="md" component="form" onSubmit={(event) => void save(event)} noValidate aria-labelledby="own-password-title">
      <Stack gap="md">
        <Title order={3} size="h4" id="own-password-title">
          Change password
        </Title>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          required
          error={errors.currentPassword?.message ?? messageLines(serverErrors.currentPassword)}
          {...register('currentPassword', { required: 'Enter your current password' })}
        />
        <div>
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            required
            aria-describedby="own-password-rules"
            error={errors.newPassword?.message ?? messageLines(serverErrors.newPassword)}
            {...register('newPassword', { required: 'Enter a new password', onChange: () => setServerErrors((earlier) => ({ ...earlier, newPassword: [] })) })}
          />
          <Stack mt={6}>
            <PasswordFeedback id="own-password-rules" password={newPassword} subject={me} />
          </Stack>
        </div>
        <PasswordInput
          label="Repeat the new password"
          autoComplete="new-password"
          required
          error={errors.repeatPassword?.message}
          {...register('repeatPassword', { validate: (value, fields) => value === fields.newPassword || 'The two new passwords differ' })}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={isSubmitting}>
            Change password
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
