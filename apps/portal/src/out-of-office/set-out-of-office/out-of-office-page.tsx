import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { api } from '../../api/api-client';
import { messageOf, unwrap } from '../../api/problem';
import type { SessionUser } from '../../auth/session-store';
import { useSessionUser } from '../../auth/use-session';
import { showApiErrors } from '../../shared/form-errors';
import { ErrorState, LoadingState } from '../../shared/query-states';
import { ROLE_NAMES } from '../../users/shared/role-names';
import { USER_LIST_READERS, useOrganizationUsers, userLabel, type OrganizationUser } from '../../approval-chains/shared/organization-users';
import { eligibleDelegates, instantOf, periodState, toFields, toRequestBody, type OutOfOffice, type OutOfOfficeFields } from './out-of-office-form';

const OUT_OF_OFFICE_KEY = ['out-of-office'] as const;
const FIELDS = ['from', 'to', 'delegateId'] as const;

/** An instant in the browser's time zone, with the zone named: "21 Dec 2026, 09:00 UTC". */
function formatLocal(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
}

/**
 * An approver's out-of-office period: while it runs, the approval steps that name them go to their delegate (an
 * active user of the organization of at least their role), who is e-mailed instead and decides for them.
 */
export default function OutOfOfficePage() {
  const me = useSessionUser();
  const current = useQuery({ queryKey: OUT_OF_OFFICE_KEY, queryFn: async () => unwrap(await api.GET('/api/v1/me/out-of-office')) });
  const mayListUsers = USER_LIST_READERS.includes(me?.role ?? '');
  const users = useOrganizationUsers(me?.organizationId ?? undefined, mayListUsers);

  if (current.isError) return <ErrorState title="Your out-of-office period could not be loaded" error={current.error} onRetry={() => void current.refetch()} />;
  if (users.isError) return <ErrorState title="The organization's users could not be loaded" error={users.error} onRetry={() => void users.refetch()} />;
  if (!current.data || !me || (users.isLoading && !users.data)) return <LoadingState label="Loading your out-of-office period" />;

  return (
    <Stack gap="md" maw={720}>
      <div>
        <Title order={2}>Out of office</Title>
        <Text size="sm" c="dimmed">
          While you are out of office, the approval steps that name you go to your delegate, who is e-mailed instead and approves or rejects for you.
        </Text>
      </div>
      <CurrentPeriod current={current.data} users={users.data} />
      {mayListUsers ? (
        <PeriodForm key={JSON.stringify(current.data.period)} current={current.data} delegates={eligibleDelegates(users.data ?? [], me)} me={me} />
      ) : (
        <Alert color="blue" role="status" title="Choosing a delegate">
          Your role cannot read the organization's list of users, so the portal cannot offer you a delegate. Ask an organizational admin of your organization.
        </Alert>
      )}
    </Stack>
  );
}

function CurrentPeriod({ current, users }: { current: OutOfOffice; users: OrganizationUser[] | undefined }) {
  const queryClient = useQueryClient();
  const [ending, setEnding] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const period = current.period;

  const clear = async () => {
    setFailure(null);
    setEnding(true);
    try {
      queryClient.setQueryData(OUT_OF_OFFICE_KEY, unwrap(await api.DELETE('/api/v1/me/out-of-office')));
      notifications.show({ color: 'green', title: 'Cleared', message: 'Your out-of-office period is cleared: the steps that name you come to you again.' });
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setEnding(false);
    }
  };

  const delegate = period ? users?.find((user) => user.id === period.delegateId) : undefined;
  const state = period ? periodState(period) : null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="current-period-title">
      <Stack gap="xs">
        <Title order={3} size="h4" id="current-period-title">
          Current period
        </Title>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Text role="status" aria-live="polite">
          {period
            ? `${state === 'running' ? 'You are out of office' : state === 'coming' ? 'You will be out of office' : 'You were out of office'} from ${formatLocal(period.from)} until ${formatLocal(period.to)}. ${
                delegate ? userLabel(delegate) : 'Your delegate'
              } ${state === 'over' ? 'decided' : 'decides'} for you.`
            : 'No out-of-office period is set: the approval steps that name you come to you.'}
        </Text>
        {period && (
          <Group>
            <Button variant="default" color="red.9" loading={ending} onClick={() => void clear()}>
              Clear the period
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function PeriodForm({ current, delegates, me }: { current: OutOfOffice; delegates: OrganizationUser[]; me: SessionUser }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<OutOfOfficeFields>({ defaultValues: toFields(current) });

  const save = handleSubmit(async (fields) => {
    setFailure(null);
    try {
      queryClient.setQueryData(OUT_OF_OFFICE_KEY, unwrap(await api.PUT('/api/v1/me/out-of-office', { body: toRequestBody(fields) })));
      notifications.show({ color: 'green', title: 'Saved', message: 'Your out-of-office period is saved.' });
    } catch (error) {
      setFailure(showApiErrors(error, setError, FIELDS));
    }
  });

  const options = delegates.map((user) => ({ value: user.id, label: `${userLabel(user)}, ${ROLE_NAMES[user.role]}` }));
  return (
    <Paper withBorder p="md" component="form" onSubmit={(event) => void save(event)} noValidate aria-labelledby="period-form-title">
      <Stack gap="md">
        <Title order={3} size="h4" id="period-form-title">
          {current.period ? 'Change the period' : 'Set a period'}
        </Title>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="datetime-local"
            label="From"
            description="In your time zone"
            required
            error={errors.from?.message}
            {...register('from', { validate: (value) => instantOf(value) !== null || 'Enter the date and time your absence starts' })}
          />
          <TextInput
            type="datetime-local"
            label="Until"
            description="You are back at this time"
            required
            error={errors.to?.message}
            {...register('to', {
              validate: (value, fields) => {
                const to = instantOf(value);
                const from = instantOf(fields.from);
                if (to === null) return 'Enter the date and time you are back';
                return from === null || to > from || 'Until must be after From';
              },
            })}
          />
        </SimpleGrid>
        <Controller
          control={control}
          name="delegateId"
          rules={{ required: 'Choose your delegate' }}
          render={({ field, fieldState }) => (
            <Select
              label="Delegate"
              description={
                me.role === 'org_admin' ? 'Another active organizational admin' : 'Another active organizational admin or billing admin'
              }
              placeholder={options.length === 0 ? 'Nobody in your organization can stand in for you' : 'Choose who decides for you'}
              data={options}
              required
              allowDeselect={false}
              value={field.value || null}
              onChange={(value) => field.onChange(value ?? '')}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={isSubmitting}>
            Save
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
