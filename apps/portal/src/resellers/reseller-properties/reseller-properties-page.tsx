import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { useSessionUser } from '../../auth/use-session';
import { showApiErrors } from '../../shared/form-errors';
import { ErrorState, LoadingState } from '../../shared/query-states';

type Properties = components['schemas']['ResellerPropertiesBody'];

const FIELDS = ['notificationEmail', 'supportEmail'] as const;

/** The reseller's properties: where approval requests (Notification Email) and support requests (Support Email) go. */
export default function ResellerPropertiesPage() {
  const resellerId = useSessionUser()?.resellerId ?? '';
  const reseller = useQuery({
    queryKey: ['reseller', resellerId],
    queryFn: async () => unwrap(await api.GET('/api/v1/resellers/{resellerId}', { params: { path: { resellerId } } })),
    enabled: resellerId !== '',
  });
  const properties = useQuery({
    queryKey: ['reseller-properties', resellerId],
    queryFn: async () => unwrap(await api.GET('/api/v1/resellers/{resellerId}/properties', { params: { path: { resellerId } } })),
    enabled: resellerId !== '',
  });

  if (!resellerId) return <Alert color="yellow">Reseller properties belong to a reseller's administrators.</Alert>;
  if (properties.isError) return <ErrorState title="The reseller properties could not be loaded" error={properties.error} onRetry={() => void properties.refetch()} />;
  if (!properties.data) return <LoadingState label="Loading the reseller properties" />;

  return (
    <Stack gap="md" maw={720}>
      <div>
        <Title order={2}>Reseller properties</Title>
        {reseller.data && (
          <Text c="dimmed" size="sm">
            {reseller.data.name} · amounts in {reseller.data.currency}
          </Text>
        )}
      </div>
      <PropertiesForm resellerId={resellerId} initial={properties.data} />
    </Stack>
  );
}

function PropertiesForm({ resellerId, initial }: { resellerId: string; initial: Properties }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<Properties>({ defaultValues: initial });

  const save = handleSubmit(async (fields) => {
    setFailure(null);
    try {
      const body = { notificationEmail: fields.notificationEmail.trim(), supportEmail: fields.supportEmail.trim() };
      const saved = unwrap(await api.PUT('/api/v1/resellers/{resellerId}/properties', { params: { path: { resellerId } }, body }));
      reset(saved);
      queryClient.setQueryData(['reseller-properties', resellerId], saved);
      notifications.show({ color: 'green', title: 'Saved', message: 'The reseller properties are saved.' });
    } catch (error) {
      setFailure(showApiErrors(error, setError, FIELDS));
    }
  });

  return (
    <Paper withBorder p="md" component="form" onSubmit={(event) => void save(event)} noValidate aria-label="Reseller properties">
      <Stack gap="md">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <TextInput
          label="Notification Email"
          description="Receives the approval requests of your organizations"
          type="email"
          required
          error={errors.notificationEmail?.message}
          {...register('notificationEmail', { required: 'Enter the notification e-mail address' })}
        />
        <TextInput
          label="Support Email"
          description="Receives the support requests of your organizations"
          type="email"
          required
          error={errors.supportEmail?.message}
          {...register('supportEmail', { required: 'Enter the support e-mail address' })}
        />
        <Group justify="flex-end">
          <Button type="button" variant="default" disabled={!isDirty || isSubmitting} onClick={() => reset()}>
            Undo changes
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Update
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
