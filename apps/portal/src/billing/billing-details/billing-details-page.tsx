import { Alert, Button, Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useParams } from 'react-router';
import { api } from '../../api/api-client';
import { ApiError, messageOf, unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { useSessionUser } from '../../auth/use-session';
import { ErrorState, LoadingState } from '../../shared/query-states';

type Details = components['schemas']['BillingDetailsResponse'];

interface DetailsFields {
  billingContactName: string;
  billingEmail: string;
  purchaseOrderReference: string;
  invoiceAddress: string;
}

const FIELDS = ['billingContactName', 'billingEmail', 'purchaseOrderReference', 'invoiceAddress'] as const;
const EDITORS = ['reseller_admin', 'org_admin', 'org_billing_admin'];

const toFields = (details: Details): DetailsFields => ({
  billingContactName: details.billingContactName ?? '',
  billingEmail: details.billingEmail ?? '',
  purchaseOrderReference: details.purchaseOrderReference ?? '',
  invoiceAddress: details.invoiceAddress ?? '',
});

/** Billing details: billing contact, billing e-mail, PO reference and invoice address; billing admins edit, viewers read. */
export default function BillingDetailsPage() {
  const { orgId = '' } = useParams();
  const me = useSessionUser();
  const mayEdit = EDITORS.includes(me?.role ?? '');
  // The details come with their ETag: a save sends it as If-Match, so a change made meanwhile is not overwritten.
  const details = useQuery({
    queryKey: ['billing-details', orgId],
    queryFn: async () => {
      const result = await api.GET('/api/v1/organizations/{orgId}/billing/details', { params: { path: { orgId } } });
      return { details: unwrap(result), etag: result.response.headers.get('ETag') };
    },
  });

  if (details.isError) return <ErrorState title="The billing details could not be loaded" error={details.error} onRetry={() => void details.refetch()} />;
  if (!details.data) return <LoadingState label="Loading the billing details" />;
  return (
    <Stack gap="md" maw={640}>
      <Title order={2}>Billing details</Title>
      <DetailsForm orgId={orgId} initial={details.data.details} etag={details.data.etag} readOnly={!mayEdit} />
    </Stack>
  );
}

function DetailsForm({ orgId, initial, etag: initialEtag, readOnly }: { orgId: string; initial: Details; etag: string | null; readOnly: boolean }) {
  const queryClient = useQueryClient();
  const [etag, setEtag] = useState(initialEtag);
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<DetailsFields>({ defaultValues: toFields(initial) });

  useEffect(() => setEtag(initialEtag), [initialEtag]);

  const save = handleSubmit(async (fields) => {
    setFailure(null);
    const result = await api.PUT('/api/v1/organizations/{orgId}/billing/details', {
      params: { path: { orgId }, header: etag ? { 'If-Match': etag } : {} },
      body: {
        billingContactName: fields.billingContactName.trim(),
        billingEmail: fields.billingEmail.trim(),
        purchaseOrderReference: fields.purchaseOrderReference.trim() || null,
        invoiceAddress: fields.invoiceAddress.trim(),
      },
    });
    try {
      const saved = unwrap(result);
      const newEtag = result.response.headers.get('ETag');
      setEtag(newEtag);
      reset(toFields(saved));
      queryClient.setQueryData(['billing-details', orgId], { details: saved, etag: newEtag });
      notifications.show({ color: 'green', title: 'Saved', message: 'The billing details are saved.' });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setFailure('Someone changed the billing details meanwhile. Reload the page to see their change, then save again.');
        return;
      }
      const byField = error instanceof ApiError ? error.fieldErrors : {};
      const shown = FIELDS.filter((field) => byField[field]);
      for (const field of shown) setError(field, { message: byField[field] });
      setFailure(shown.length > 0 ? 'Some fields need a change: see the messages next to them.' : messageOf(error));
    }
  });

  return (
    <Paper withBorder p="md" component="form" onSubmit={(event) => void save(event)} noValidate aria-label="Billing details">
      <Stack gap="md">
        {readOnly && <Text size="sm">You can read the billing details; an organizational admin or billing admin changes them.</Text>}
        {!readOnly && !initial.updatedAt && <Text size="sm">No billing details yet: invoices need a contact, an e-mail and an address.</Text>}
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <TextInput
          label="Billing contact"
          autoComplete="name"
          required={!readOnly}
          readOnly={readOnly}
          error={errors.billingContactName?.message}
          {...register('billingContactName', { validate: (value) => readOnly || value.trim() !== '' || 'Enter the billing contact' })}
        />
        <TextInput
          label="Billing email"
          type="email"
          autoComplete="email"
          required={!readOnly}
          readOnly={readOnly}
          error={errors.billingEmail?.message}
          {...register('billingEmail', {
            validate: (value) => readOnly || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) || 'Enter an e-mail address',
          })}
        />
        <TextInput
          label="PO reference"
          description="Purchase order or other reference printed on invoices (optional)"
          readOnly={readOnly}
          error={errors.purchaseOrderReference?.message}
          {...register('purchaseOrderReference', { maxLength: { value: 100, message: 'At most 100 characters' } })}
        />
        <Textarea
          label="Invoice address"
          description="As printed on invoices, one line per line"
          autosize
          minRows={3}
          required={!readOnly}
          readOnly={readOnly}
          error={errors.invoiceAddress?.message}
          {...register('invoiceAddress', { validate: (value) => readOnly || value.trim() !== '' || 'Enter the invoice address' })}
        />
        {!readOnly && (
          <Group justify="flex-end">
            <Button type="button" variant="default" disabled={!isDirty || isSubmitting} onClick={() => reset()}>
              Undo changes
            </Button>
            <Button type="submit" loading={isSubmitting}>
              Save
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
