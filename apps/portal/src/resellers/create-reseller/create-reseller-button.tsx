import { Alert, Button, Fieldset, Group, Modal, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, idempotencyKey } from '../../api/api-client';
import { ApiError, unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { showApiErrors } from '../../shared/form-errors';
import { refetchUntilListed } from '../../shared/refetch-until-listed';

type NewReseller = components['schemas']['CreateResellerBody'];

const EMPTY: NewReseller = {
  name: '',
  currency: 'EUR',
  notificationEmail: '',
  supportEmail: '',
  admin: { firstName: '', lastName: '', username: '', email: '', password: '' },
};
const FIELDS = [
  'name',
  'currency',
  'notificationEmail',
  'supportEmail',
  'admin.firstName',
  'admin.lastName',
  'admin.username',
  'admin.email',
  'admin.password',
] as const;

const ADMIN_FIELDS = new Set(['firstName', 'lastName', 'username', 'email', 'password']);

/** The admin is checked as a new user would be: its refusals name the user's fields (`password`), here under `admin.`. */
function adminFieldsNamed(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.problem?.errors) return error;
  const errors = error.problem.errors.map(({ field, message }) => ({ field: ADMIN_FIELDS.has(field) ? `admin.${field}` : field, message }));
  return new ApiError(error.status, { ...error.problem, errors });
}

/** "New reseller" for the platform admin: the reseller and its first reseller admin in one form. */
export function CreateResellerButton() {
  const [opened, { open, close }] = useDisclosure();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <>
      <Button onClick={open}>New reseller</Button>
      <Modal opened={opened} onClose={close} title="New reseller" fullScreen={phone} closeButtonProps={{ 'aria-label': 'Close' }} size="xl">
        <CreateResellerForm onDone={close} />
      </Modal>
    </>
  );
}

function CreateResellerForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<NewReseller>({ defaultValues: EMPTY });

  const create = handleSubmit(async (fields) => {
    setFailure(null);
    const { admin } = fields;
    const body: NewReseller = {
      name: fields.name.trim(),
      currency: fields.currency.trim().toUpperCase(),
      notificationEmail: fields.notificationEmail.trim(),
      supportEmail: fields.supportEmail.trim(),
      admin: { firstName: admin.firstName.trim(), lastName: admin.lastName.trim(), username: admin.username.trim(), email: admin.email.trim(), password: admin.password },
    };
    try {
      const created = unwrap(await api.POST('/api/v1/resellers', { params: { header: { 'Idempotency-Key': idempotencyKey() } }, body }));
      notifications.show({ color: 'green', title: 'Reseller created', message: `${created.name} is created; ${created.admin.username} can log in.` });
      onDone();
      void refetchUntilListed(queryClient, ['resellers'], created.id);
    } catch (error) {
      setFailure(showApiErrors(adminFieldsNamed(error), setError, FIELDS, { 'USER.DUPLICATE_USERNAME': 'admin.username' }));
    }
  });

  return (
    <form onSubmit={(event) => void create(event)} noValidate aria-label="New reseller">
      <Stack gap="md">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput label="Name" required data-autofocus error={errors.name?.message} {...register('name', { required: 'Enter the reseller name' })} />
          <TextInput
            label="Currency"
            description="ISO 4217 code: every amount of the reseller is in it"
            required
            maxLength={3}
            error={errors.currency?.message}
            {...register('currency', { required: 'Enter the currency', pattern: { value: /^[A-Za-z]{3}$/, message: 'Enter a three-letter code such as EUR' } })}
          />
          <TextInput
            label="Notification Email"
            description="Receives approval requests"
            type="email"
            required
            error={errors.notificationEmail?.message}
            {...register('notificationEmail', { required: 'Enter the notification e-mail address' })}
          />
          <TextInput
            label="Support Email"
            description="Receives support requests"
            type="email"
            required
            error={errors.supportEmail?.message}
            {...register('supportEmail', { required: 'Enter the support e-mail address' })}
          />
        </SimpleGrid>
        <Fieldset legend="First reseller admin">
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput label="First name" required error={errors.admin?.firstName?.message} {...register('admin.firstName', { required: 'Enter the first name' })} />
            <TextInput label="Last name" required error={errors.admin?.lastName?.message} {...register('admin.lastName', { required: 'Enter the last name' })} />
            <TextInput
              label="Username"
              autoComplete="off"
              required
              error={errors.admin?.username?.message}
              {...register('admin.username', { required: 'Enter the username' })}
            />
            <TextInput label="Email" type="email" required error={errors.admin?.email?.message} {...register('admin.email', { required: 'Enter the e-mail address' })} />
            {/* Mantine's PasswordInput leaves aria-invalid and aria-describedby to the caller. */}
            <PasswordInput
              id="new-reseller-admin-password"
              label="Password"
              description="At least 8 characters with upper and lower case, a digit and a symbol"
              autoComplete="new-password"
              required
              error={errors.admin?.password?.message}
              aria-invalid={errors.admin?.password ? true : undefined}
              aria-describedby={`new-reseller-admin-password-description${errors.admin?.password ? ' new-reseller-admin-password-error' : ''}`}
              {...register('admin.password', { required: 'Enter a password' })}
            />
          </SimpleGrid>
        </Fieldset>
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
