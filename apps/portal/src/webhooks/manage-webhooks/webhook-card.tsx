import { Badge, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { localTime } from '../webhook-deliveries/delivery-format';
import { endpointName, endpointStatus, eventTypesSummary, failuresText, type WebhookEndpoint } from './webhook-form';

/** What a writer may do from an endpoint's card. */
export interface EndpointActions {
  onEdit: () => void;
  onToggle: () => void;
  onRotate: () => void;
  onDelete: () => void;
  toggling: boolean;
}

/** One endpoint: its URL, status (with the reason it was disabled), failures in a row and event types; its delivery log; the writers' actions. */
export function WebhookCard({ endpoint, showingLog, onShowLog, actions }: { endpoint: WebhookEndpoint; showingLog: boolean; onShowLog: () => void; actions?: EndpointActions }) {
  const titleId = useId();
  const name = endpointName(endpoint);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" align="flex-start">
          <div>
            <Title order={3} size="h4" id={titleId} style={{ overflowWrap: 'anywhere' }}>
              {name}
            </Title>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {endpoint.url}
            </Text>
          </div>
          <Badge color={endpoint.status === 'active' ? 'teal.9' : 'red.9'}>{endpoint.status === 'active' ? 'Active' : 'Disabled'}</Badge>
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
          <Fact label="Status" value={endpointStatus(endpoint)} />
          <Fact label="Consecutive failures" value={failuresText(endpoint.consecutiveFailures)} />
        </SimpleGrid>
        <div>
          <Text size="xs" c="dimmed">
            Event types
          </Text>
          <List size="sm" spacing={2}>
            {eventTypesSummary(endpoint.eventTypes).map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        </div>
        <Text size="xs" c="dimmed">
          Registered at {localTime(endpoint.createdAt)}, changed at {localTime(endpoint.updatedAt)}
        </Text>
        <Group gap="xs">
          <Button size="compact-sm" variant={showingLog ? 'filled' : 'default'} onClick={onShowLog} aria-pressed={showingLog} aria-label={`Delivery log of ${name}`}>
            Delivery log
          </Button>
          {actions && (
            <>
              <Button size="compact-sm" variant="default" onClick={actions.onEdit} aria-label={`Change ${name}`}>
                Change
              </Button>
              <Button size="compact-sm" variant="default" loading={actions.toggling} onClick={actions.onToggle} aria-label={`${endpoint.status === 'active' ? 'Disable' : 'Enable'} ${name}`}>
                {endpoint.status === 'active' ? 'Disable' : 'Enable'}
              </Button>
              <Button size="compact-sm" variant="default" onClick={actions.onRotate} aria-label={`Rotate the secret of ${name}`}>
                Rotate the secret
              </Button>
              <Button size="compact-sm" variant="default" color="red.9" onClick={actions.onDelete} aria-label={`Delete ${name}`}>
                Delete
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}
