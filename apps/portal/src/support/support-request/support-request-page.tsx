import { Alert, Button, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { api, idempotencyKey } from '../../api/api-client';
import { ApiError, messageOf, unwrap } from '../../api/problem';
import { useSessionUser } from '../../auth/use-session';

interface SupportFields {
  subject: string;
  message: string;
  subscriptionId: string | null;
}
const FIELDS = ['subject', 'message', 'subscriptionId'] as const;
/** The most subscriptions offered in the list (the API's largest page). */
const SUBSCRIPTIONS_PAGE = 500;

/** Support request, for any organization role: sent to the reseller's Support Email. */
export default function SupportRequestPage() {
  const me = useSessionUser();
  const orgId = me?.organizationId ?? '';
  const [sent, setSent] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Each role sees the subscriptions it may (an organizational user only their own); without them the form still works.
  const subscriptions = useQuery({
    queryKey: ['subscriptions', orgId],
    enabled: orgId !== '',
    queryFn: async () => unwrap(await api.GET('/api/v1/organizations/{orgId}/subscriptions', { params: { path: { orgId }, query: { limit: SUBSCRIPTIONS_PAGE } } })),
  });
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<SupportFields>({ defaultValues: { subject: '', message: '', subscriptionId: null } });

  const send = handleSubmit(async (fields) => {
    setFailure(null);
    setSent(null);
    try {
      const created = unwrap(
        await api.POST('/api/v1/support-requests', {
          params: { header: { 'Idempotency-Key': idempotencyKey() } },
          body: { subject: fields.subject.trim(), message: fields.message.trim(), ...(fields.subscriptionId ? { subscriptionId: fields.subscriptionId } : {}) },
        }),
      );
      setSent(created.id);
      reset();
    } catch (error) {
      const byField = error instanceof ApiError ? error.fieldErrors : {};
      const shown = FIELDS.filter((field) => byField[field]);
      for (const field of shown) setError(field, { message: byField[field] });
      setFailure(shown.length > 0 ? 'Some fields need a change: see the messages next to them.' : messageOf(error));
    }
  });

  const services = (subscriptions.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.productName} (${s.quantity})` }));
  return (
    <Stack gap="md" maw={720}>
      <Title order={2}>Support request</Title>
      <Text size="sm">Your reseller's support team receives it at their Support Email and answers you by e-mail.</Text>
      {sent && (
        <Alert variant="outline" color="teal.9" role="status" title="Support request sent">
          Your reference is {sent}.
        </Alert>
      )}
      <Paper withBorder p="md" component="form" onSubmit={(event) => void send(event)} noValidate aria-label="Support request">
        <Stack gap="md">
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <TextInput label="Subject" required error={errors.subject?.message} {...register('subject', { required: 'Enter a subject' })} />
          <Textarea label="Message" required autosize minRows={5} error={errors.message?.message} {...register('message', { required: 'Describe what you need' })} />
          <Controller
            control={control}
            name="subscriptionId"
            render={({ field, fieldState }) => (
              <Select
                label="Service"
                description={subscriptions.isError ? 'Your services could not be loaded: send the request without one.' : 'Optional: the service the request is about'}
                placeholder={subscriptions.isPending && orgId ? 'Loading your services…' : 'None'}
                data={services}
                clearable
                value={field.value}
                onChange={field.onChange}
                error={fieldState.error?.message}
              />
            )}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={isSubmitting}>
              Send
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
