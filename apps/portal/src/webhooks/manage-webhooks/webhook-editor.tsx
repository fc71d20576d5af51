import { Alert, Button, Checkbox, Fieldset, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { showApiErrors } from '../../shared/form-errors';
import { createEndpoint, updateEndpoint } from '../shared/webhook-requests';
import {
  emptyFields,
  endpointName,
  EVENT_GROUPS,
  eventTypesProblem,
  MAX_DESCRIPTION,
  MAX_URL,
  toCreateBody,
  toFields,
  toUpdateBody,
  urlProblem,
  WEBHOOK_FIELDS,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
  type WebhookFields,
  type WebhooksScope,
} from './webhook-form';

/**
 * The writers' form: a new endpoint (its URL, the event types it receives, grouped by area, and a description), or a
 * change to the one given. A new endpoint's answer holds its secret, which the page shows once.
 */
export function WebhookEditor({
  scope,
  editing,
  onCreated,
  onChanged,
  onCancel,
}: {
  scope: WebhooksScope;
  editing: WebhookEndpoint | null;
  onCreated: (endpoint: WebhookEndpointWithSecret) => void;
  onChanged: (endpoint: WebhookEndpoint) => void;
  onCancel: () => void;
}) {
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setFocus,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<WebhookFields>({ defaultValues: editing ? toFields(editing) : emptyFields() });

  // Change from an endpoint's card: the form takes its values, and the focus, at once.
  useEffect(() => {
    if (editing) setFocus('url');
  }, [editing, setFocus]);

  const save = handleSubmit(async (fields) => {
    setFailure(null);
    try {
      if (editing) {
        const body = toUpdateBody(fields, editing);
        onChanged(Object.keys(body).length === 0 ? editing : await updateEndpoint(scope, editing.endpointId, body));
      } else {
        onCreated(await createEndpoint(scope, toCreateBody(fields)));
        reset(emptyFields());
      }
    } catch (error) {
      setFailure(showApiErrors(error, setError, WEBHOOK_FIELDS));
    }
  });

  const title = editing ? `Change ${endpointName(editing)}` : 'Register an endpoint';
  return (
    <Paper withBorder p="md" component="form" onSubmit={(event) => void save(event)} noValidate aria-labelledby="webhook-form-title">
      <Stack gap="md">
        <Title order={3} size="h4" id="webhook-form-title">
          {title}
        </Title>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="URL"
            description="Where each event is POSTed, signed; https, on a public address"
            placeholder="https://erp.example.com/hooks/broker"
            type="url"
            required
            maxLength={MAX_URL}
            error={errors.url?.message}
            {...register('url', { validate: (value) => urlProblem(value) ?? true })}
          />
          <TextInput
            label="Description"
            description="Optional: what the endpoint is for"
            maxLength={MAX_DESCRIPTION}
            error={errors.description?.message}
            {...register('description')}
          />
        </SimpleGrid>
        <Controller
          control={control}
          name="eventTypes"
          rules={{ validate: (value) => eventTypesProblem(value) ?? true }}
          render={({ field }) => (
            <Checkbox.Group label="Event types" description="The endpoint receives the events of these types" required value={field.value} onChange={field.onChange} error={errors.eventTypes?.message}>
              <SimpleGrid cols={{ base: 1, md: 2 }} mt="xs">
                {EVENT_GROUPS.map((group) => (
                  <Fieldset key={group.area} legend={group.label} variant="filled" p="sm">
                    <Stack gap={6}>
                      {group.types.map(([type, label]) => (
                        <Checkbox key={type} value={type} label={label} description={type} onBlur={field.onBlur} />
                      ))}
                    </Stack>
                  </Fieldset>
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          )}
        />
        {editing && <Text size="sm">Saving changes the URL, types and description; the secret stays.</Text>}
        <Group justify="flex-end">
          {editing && (
            <Button type="button" variant="default" disabled={isSubmitting} onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={isSubmitting}>
            {editing ? 'Save the endpoint' : 'Register the endpoint'}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
