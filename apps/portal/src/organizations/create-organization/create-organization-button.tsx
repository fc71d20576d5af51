import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, idempotencyKey } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { showApiErrors } from '../../shared/form-errors';
import { refetchUntilListed } from '../../shared/refetch-until-listed';

type NewOrganization = components['schemas']['CreateOrganizationBody'];

const EMPTY: NewOrganization = { name: '', primaryDomain: '', notificationEmail: '' };
const FIELDS = ['name', 'primaryDomain', 'notificationEmail'] as const;

/** "New organization" on the Organizations screen: a form for its name, primary domain and Notification Email. */
export function CreateOrganizationButton() {
  const [opened, { open, close }] = useDisclosure();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <>
      <Button onClick={open}>New organization</Button>
      <Modal opened={opened} onClose={close} title="New organization" fullScreen={phone} closeButtonProps={{ 'aria-label': 'Close' }} size="lg">
        <CreateOrganizationForm onDone={close} />
      </Modal>
    </>
  );
}

function CreateOrganizationForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<NewOrganization>({ defaultValues: EMPTY });

  const create = handleSubmit(async (fields) => {
    setFailure(null);
    try {
      const body = { name: fields.name.trim(), primaryDomain: fields.primaryDomain.trim(), notificationEmail: fields.notificationEmail.trim() };
      const created = unwrap(await api.POST('/api/v1/organizations', { params: { header: { 'Idempotency-Key': idempotencyKey() } }, body }));
      notifications.show({ color: 'green', title: 'Organization created', message: `${created.name} is created.` });
      onDone();
      void refetchUntilListed(queryClient, ['organizations'], created.id);
    } catch (error) {
      setFailure(showApiErrors(error, setError, FIELDS, { 'DOMAIN.ALREADY_CLAIMED': 'primaryDomain' }));
    }
  });

  return (
    <form onSubmit={(event) => void create(event)} noValidate aria-label="New organization">
      <Stack gap="md">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <TextInput label="Name" required data-autofocus error={errors.name?.message} {...register('name', { required: 'Enter the organization name' })} />
        <TextInput
          label="Primary domain"
          description="The internet domain of the organization's usernames, such as contoso.com"
          required
          error={errors.primaryDomain?.message}
          {...register('primaryDomain', { required: 'Enter the primary domain' })}
        />
        <TextInput
          label="Notification Email"
          description="Receives the decisions on this organization's approval requests"
          type="email"
          required
          error={errors.notificationEmail?.message}
          {...register('notificationEmail', { required: 'Enter the notification e-mail address' })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Create
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
