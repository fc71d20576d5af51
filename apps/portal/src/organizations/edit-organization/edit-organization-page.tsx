import { Accordion, Alert, Anchor, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { api } from '../../api/api-client';
import { ApiError, messageOf, unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { ErrorState, LoadingState } from '../../shared/query-states';

type Settings = components['schemas']['OrganizationSettingsResponse'];

interface SettingsFields {
  notificationEmail: string;
  approvalRequired: boolean;
  dynamicApproval: { enabled: boolean; annualLimit: string };
  billingStartDate: string | null;
}

const FIELDS = ['notificationEmail', 'approvalRequired', 'dynamicApproval.enabled', 'dynamicApproval.annualLimit', 'billingStartDate'] as const;

/** An organization's details and settings: Notification Email; under More, Approval Process, Dynamic Approval, Billing Start Date. */
export default function EditOrganizationPage() {
  const { orgId = '' } = useParams();
  const organization = useQuery({
    queryKey: ['organization', orgId],
    queryFn: async () => unwrap(await api.GET('/api/v1/organizations/{orgId}', { params: { path: { orgId } } })),
  });
  // The settings come with their ETag: a save sends it as If-Match, so a change made meanwhile is not overwritten.
  const settings = useQuery({
    queryKey: ['organization-settings', orgId],
    queryFn: async () => {
      const result = await api.GET('/api/v1/organizations/{orgId}/settings', { params: { path: { orgId } } });
      return { settings: unwrap(result), etag: result.response.headers.get('ETag') };
    },
  });

  if (organization.isError) return <ErrorState title="The organization could not be loaded" error={organization.error} onRetry={() => void organization.refetch()} />;
  if (settings.isError) return <ErrorState title="The settings could not be loaded" error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!organization.data || !settings.data) return <LoadingState label="Loading the organization" />;

  const org = organization.data;
  return (
    <Stack gap="md" maw={720}>
      <Anchor component={Link} to="/organizations" size="sm">
        ← Organizations
      </Anchor>
      <Title order={2}>{org.name}</Title>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="xs">
          Details
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
          <Detail label="Primary domain" value={org.primaryDomain} />
          <Detail label="Domains" value={org.domains.join(', ')} />
          <Detail label="Created" value={org.createdAt.slice(0, 10)} />
          <Detail label="Users" value={<Anchor component={Link} to={`/organizations/${org.id}/users`}>Open the users</Anchor>} />
          <Detail label="E-store" value={<Anchor component={Link} to={`/organizations/${org.id}/store-curation`}>Choose its products and prices</Anchor>} />
          <Detail label="Services" value={<Anchor component={Link} to={`/organizations/${org.id}/services`}>Open its subscriptions</Anchor>} />
          <Detail label="Transactions" value={<Anchor component={Link} to={`/organizations/${org.id}/transactions`}>Open its orders and changes</Anchor>} />
          <Detail label="Billing" value={<Anchor component={Link} to={`/organizations/${org.id}/billing/report`}>Open its billing report</Anchor>} />
        </SimpleGrid>
      </Paper>
      <SettingsForm orgId={orgId} initial={settings.data.settings} etag={settings.data.etag} />
    </Stack>
  );
}

function Detail({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}

function toFields(settings: Settings): SettingsFields {
  return {
    notificationEmail: settings.notificationEmail,
    approvalRequired: settings.approvalRequired,
    dynamicApproval: { enabled: settings.dynamicApproval.enabled, annualLimit: settings.dynamicApproval.annualLimit },
    billingStartDate: settings.billingStartDate,
  };
}

function SettingsForm({ orgId, initial, etag: initialEtag }: { orgId: string; initial: Settings; etag: string | null }) {
  const queryClient = useQueryClient();
  const [etag, setEtag] = useState(initialEtag);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<SettingsFields>({ defaultValues: toFields(initial) });
  const {
    register,
    control,
    watch,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = form;
  const dynamicEnabled = watch('dynamicApproval.enabled');

  useEffect(() => setEtag(initialEtag), [initialEtag]);

  const save = handleSubmit(async (fields) => {
    setFailure(null);
    const result = await api.PUT('/api/v1/organizations/{orgId}/settings', {
      params: { path: { orgId }, header: etag ? { 'If-Match': etag } : {} },
      body: {
        notificationEmail: fields.notificationEmail.trim(),
        approvalRequired: fields.approvalRequired,
        // Omitted while disabled, the limit keeps its current value.
        dynamicApproval: fields.dynamicApproval.enabled ? { enabled: true, annualLimit: fields.dynamicApproval.annualLimit.trim() } : { enabled: false },
        billingStartDate: fields.billingStartDate ?? '',
      },
    });
    try {
      const saved = unwrap(result);
      setEtag(result.response.headers.get('ETag'));
      reset(toFields(saved));
      queryClient.setQueryData(['organization-settings', orgId], { settings: saved, etag: result.response.headers.get('ETag') });
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
      notifications.show({ color: 'green', title: 'Saved', message: 'The organization settings are saved.' });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setFailure('Someone changed these settings meanwhile. Reload the page to see their change, then save again.');
        return;
      }
      const byField = error instanceof ApiError ? error.fieldErrors : {};
      let shown = false;
      for (const field of FIELDS) {
        if (byField[field]) {
          setError(field, { message: byField[field] });
          shown = true;
        }
      }
      // Errors of the dynamicApproval object as a whole belong to its limit field.
      if (byField['dynamicApproval']) {
        setError('dynamicApproval.annualLimit', { message: byField['dynamicApproval'] });
        shown = true;
      }
      setFailure(shown ? 'Some fields need a change: see the messages next to them.' : messageOf(error));
    }
  });

  return (
    <Paper withBorder p="md" component="form" onSubmit={(event) => void save(event)} noValidate aria-labelledby="settings-title">
      <Stack gap="md">
        <Title order={3} size="h4" id="settings-title">
          Settings
        </Title>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <TextInput
          label="Notification Email"
          description="Receives the decisions on this organization's approval requests"
          type="email"
          required
          error={errors.notificationEmail?.message}
          {...register('notificationEmail', { required: 'Enter the notification e-mail address' })}
        />
        <Accordion variant="contained" defaultValue={null}>
          <Accordion.Item value="more">
            <Accordion.Control>More</Accordion.Control>
            <Accordion.Panel>
              <Stack gap="md">
                <Checkbox
                  label="Approval Process"
                  description="Every order, change and cancellation needs the reseller's approval"
                  error={errors.approvalRequired?.message}
                  {...register('approvalRequired')}
                />
                <Checkbox
                  label="Dynamic Approval"
                  description="Approval only when a transaction's annual value is above the limit (replaces the Approval Process)"
                  error={errors.dynamicApproval?.enabled?.message}
                  {...register('dynamicApproval.enabled')}
                />
                {dynamicEnabled && (
                  <TextInput
                    label="Annual limit"
                    description="Transactions worth more than this per year need approval"
                    inputMode="decimal"
                    required
                    error={errors.dynamicApproval?.annualLimit?.message}
                    {...register('dynamicApproval.annualLimit', {
                      required: 'Enter the annual limit',
                      pattern: { value: /^\d+(\.\d+)?$/, message: 'Enter an amount such as 1000.00' },
                    })}
                  />
                )}
                <Controller
                  control={control}
                  name="billingStartDate"
                  rules={{ required: 'Choose the billing start date' }}
                  render={({ field, fieldState }) => (
                    <DatePickerInput
                      label="Billing Start Date"
                      description="The organization sees no charges dated before it"
                      valueFormat="YYYY-MM-DD"
                      required
                      value={field.value}
                      onChange={(value) => field.onChange(value)}
                      onBlur={field.onBlur}
                      error={fieldState.error?.message}
                      popoverProps={{ withinPortal: true }}
                    />
                  )}
                />
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
        <Group justify="flex-end">
          <Button type="button" variant="default" disabled={!isDirty || isSubmitting} onClick={() => reset()}>
            Undo changes
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Save
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
