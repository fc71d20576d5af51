import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { api } from '../../api/api-client';
import { ApiError, messageOf, unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { ROLE_OPTIONS, type OrganizationRole } from '../shared/role-names';

type User = components['schemas']['UserListItemResponse'];
interface EditFields {
  firstName: string;
  lastName: string;
  email: string;
  role: OrganizationRole;
  costCentre: string;
}
const FIELDS = ['firstName', 'lastName', 'email', 'role', 'costCentre'] as const;

/** What a changed field sends: a cost centre emptied is none (null). */
function bodyValue(fields: EditFields, field: (typeof FIELDS)[number]): string | null {
  if (field === 'role') return fields.role;
  const value = fields[field].trim();
  return field === 'costCentre' && value === '' ? null : value;
}

/** Edit: a user's name, e-mail, role and cost centre (PATCH); the username stays. */
export function EditUserDialog({ orgId, user, onClose, onSaved }: { orgId: string; user: User; onClose: () => void; onSaved: () => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, dirtyFields },
  } = useForm<EditFields>({ defaultValues: { firstName: user.firstName, lastName: user.lastName, email: user.email, role: user.role, costCentre: user.costCentre ?? '' } });

  const save = handleSubmit(async (fields) => {
    setFailure(null);
    // Only what changed is sent.
    const body = Object.fromEntries(FIELDS.filter((field) => dirtyFields[field]).map((field) => [field, bodyValue(fields, field)]));
    try {
      unwrap(await api.PATCH('/api/v1/organizations/{orgId}/users/{userId}', { params: { path: { orgId, userId: user.id } }, body }));
      notifications.show({ color: 'green', title: 'Saved', message: `${user.username} is changed.` });
      onSaved();
    } catch (error) {
      const byField = error instanceof ApiError ? error.fieldErrors : {};
      const shown = FIELDS.filter((field) => byField[field]);
      for (const field of shown) setError(field, { message: byField[field] });
      setFailure(shown.length > 0 ? 'Some fields need a change: see the messages next to them.' : messageOf(error));
    }
  });

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Edit ${user.username}`}>
      <form onSubmit={(event) => void save(event)} noValidate aria-label={`Edit ${user.username}`}>
        <Stack gap="sm">
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <TextInput label="First name" required error={errors.firstName?.message} {...register('firstName', { required: 'Enter the first name' })} />
          <TextInput label="Last name" required error={errors.lastName?.message} {...register('lastName', { required: 'Enter the last name' })} />
          <TextInput label="Email" type="email" required error={errors.email?.message} {...register('email', { required: 'Enter the e-mail address' })} />
          <TextInput label="Cost centre" description="Empty: none" maxLength={100} error={errors.costCentre?.message} {...register('costCentre')} />
          <Controller
            control={control}
            name="role"
            render={({ field, fieldState }) => (
              <Select label="Role" data={ROLE_OPTIONS} allowDeselect={false} value={field.value} onChange={(value) => field.onChange(value ?? user.role)} error={fieldState.error?.message} comboboxProps={{ withinPortal: true }} />
            )}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={isSubmitting}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
