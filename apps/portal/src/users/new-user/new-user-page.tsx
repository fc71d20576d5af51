import { Alert, Anchor, Button, Group, Paper, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { api, idempotencyKey } from '../../api/api-client';
import { ApiError, messageOf, unwrap } from '../../api/problem';
import { ErrorState, LoadingState } from '../../shared/query-states';
import { refetchUntilListed } from '../../shared/refetch-until-listed';
import { fieldMessages, messageLines } from '../shared/field-messages';
import { PasswordFeedback } from '../shared/password-feedback';
import { ROLE_OPTIONS, type OrganizationRole } from '../shared/role-names';

interface NewUserFields {
  localPart: string;
  domain: string;
  firstName: string;
  lastName: string;
  email: string;
  role: OrganizationRole;
  costCentre: string;
  password: string;
}

const SERVER_FIELDS = ['firstName', 'lastName', 'email', 'role', 'costCentre', 'password'] as const;

/** New user (guide 1.3): the username is a name at one of the organization's domains; the password rules show live. */
export default function NewUserPage() {
  const { orgId = '' } = useParams();
  const domains = useQuery({
    queryKey: ['organization-domains', orgId],
    queryFn: async () => unwrap(await api.GET('/api/v1/organizations/{orgId}/domains', { params: { path: { orgId } } })),
  });

  if (domains.isError) return <ErrorState title="The organization's domains could not be loaded" error={domains.error} onRetry={() => void domains.refetch()} />;
  if (!domains.data) return <LoadingState label="Loading the organization's domains" />;
  // Only a verified domain may carry usernames.
  const usable = domains.data.filter((domain) => domain.status === 'verified');
  const primary = usable.find((domain) => domain.primary) ?? usable[0];
  return (
    <Stack gap="md" maw={720}>
      <Anchor component={Link} to={`/organizations/${orgId}/users`} size="sm">
        ← Users
      </Anchor>
      <Title order={2}>New user</Title>
      {usable.length === 0 ? (
        <Alert color="yellow" role="alert">
          The organization has no verified domain yet: add one under the organization's domains first.
        </Alert>
      ) : (
        <NewUserForm orgId={orgId} domains={usable.map((domain) => domain.domain)} defaultDomain={primary!.domain} />
      )}
    </Stack>
  );
}

function NewUserForm({ orgId, domains, defaultDomain }: { orgId: string; domains: string[]; defaultDomain: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const [passwordErrors, setPasswordErrors] = useState<string[]>([]);
  const {
    register,
    control,
    watch,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<NewUserFields>({ defaultValues: { localPart: '', domain: defaultDomain, firstName: '', lastName: '', email: '', role: 'org_user', costCentre: '', password: '' } });
  const [localPart, domain, firstName, lastName, password] = watch(['localPart', 'domain', 'firstName', 'lastName', 'password']);

  const create = handleSubmit(async (fields) => {
    setFailure(null);
    setPasswordErrors([]);
    const username = `${fields.localPart.trim()}@${fields.domain}`;
    const costCentre = fields.costCentre.trim();
    try {
      const created = unwrap(
        await api.POST('/api/v1/organizations/{orgId}/users', {
          params: { path: { orgId }, header: { 'Idempotency-Key': idempotencyKey() } },
          body: { username, firstName: fields.firstName.trim(), lastName: fields.lastName.trim(), email: fields.email.trim(), role: fields.role, password: fields.password, ...(costCentre ? { costCentre } : {}) },
        }),
      );
      notifications.show({ color: 'green', title: 'User created', message: `${created.username} can now log in with this password.` });
      await navigate(`/organizations/${orgId}/users`);
      // The list is a read model: it is asked again until it shows the new user.
      void refetchUntilListed(queryClient, ['users', orgId], created.id);
    } catch (error) {
      const byField = error instanceof ApiError ? error.fieldErrors : {};
      let shown = false;
      for (const field of SERVER_FIELDS) {
        if (field === 'password') continue;
        if (byField[field]) {
          setError(field, { message: byField[field] });
          shown = true;
        }
      }
      if (byField['username']) {
        setError('localPart', { message: byField['username'] });
        shown = true;
      }
      // Every rule the password breaks, one per line.
      const broken = fieldMessages(error, 'password');
      if (broken.length > 0) {
        setPasswordErrors(broken);
        shown = true;
      }
      setFailure(shown ? 'Some fields need a change: see the messages next to them.' : messageOf(error));
    }
  });

  return (
    <Paper withBorder p="md" component="form" onSubmit={(event) => void create(event)} noValidate aria-label="New user">
      <Stack gap="md">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label="Username"
            description="The name before the @"
            autoComplete="off"
            required
            error={errors.localPart?.message}
            {...register('localPart', {
              required: 'Enter the username',
              validate: (value) => !value.includes('@') || 'Enter only the part before the @: choose the domain beside it',
            })}
          />
          <Controller
            control={control}
            name="domain"
            rules={{ required: 'Choose a domain' }}
            render={({ field, fieldState }) => (
              <Select
                style={{ flex: 1 }}
                label="Domain"
                description="One of the organization's domains"
                data={domains.map((name) => ({ value: name, label: `@${name}` }))}
                allowDeselect={false}
                required
                value={field.value}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
              />
            )}
          />
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <TextInput label="First name" autoComplete="off" required error={errors.firstName?.message} {...register('firstName', { required: 'Enter the first name' })} />
          <TextInput label="Last name" autoComplete="off" required error={errors.lastName?.message} {...register('lastName', { required: 'Enter the last name' })} />
        </SimpleGrid>
        <TextInput label="Email" description="Where the user gets e-mail" type="email" autoComplete="off" required error={errors.email?.message} {...register('email', { required: 'Enter the e-mail address' })} />
        <Controller
          control={control}
          name="role"
          render={({ field, fieldState }) => (
            <Select label="Role" data={ROLE_OPTIONS} allowDeselect={false} required value={field.value} onChange={(value) => field.onChange(value ?? 'org_user')} error={fieldState.error?.message} />
          )}
        />
        <TextInput
          label="Cost centre"
          description="Optional: the user's orders count towards this cost centre's budget unless they name another"
          autoComplete="off"
          maxLength={100}
          error={errors.costCentre?.message}
          {...register('costCentre')}
        />
        <div>
          <PasswordInput
            label="Password"
            autoComplete="new-password"
            required
            aria-describedby="new-user-password-rules"
            error={errors.password?.message ?? messageLines(passwordErrors)}
            {...register('password', { required: 'Enter a password', onChange: () => setPasswordErrors([]) })}
          />
          <Text size="xs" c="dimmed" mt={6} mb={2}>
            Password rules for {localPart ? `${localPart}@${domain}` : 'this user'}:
          </Text>
          <PasswordFeedback id="new-user-password-rules" password={password} subject={{ username: localPart ? `${localPart}@${domain}` : '', firstName, lastName }} />
        </div>
        <Group justify="flex-end">
          <Button component={Link} to={`/organizations/${orgId}/users`} variant="default">
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Create
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
