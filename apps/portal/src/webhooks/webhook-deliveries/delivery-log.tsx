import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { messageOf } from '../../api/problem';
import { ErrorState, LoadingState } from '../../shared/query-states';
import { eventTypeLabel, type WebhooksScope } from '../manage-webhooks/webhook-form';
import { deliveriesKey, fetchDeliveries, redeliver } from '../shared/webhook-requests';
import { DELIVERY_STATUS_COLORS, DELIVERY_STATUS_LABELS, localTime, mayRedeliver, responseCodeText, type WebhookDelivery } from './delivery-format';

const PAGE_SIZE = 50;

/**
 * An endpoint's delivery log, newest first, 50 at a time with Load more: each delivery's event, status, attempts,
 * last response code and error, next attempt and delivery time. Writers send a final delivery again with Redeliver.
 */
export function DeliveryLog({ scope, endpointId, name, mayWrite }: { scope: WebhooksScope; endpointId: string; name: string; mayWrite: boolean }) {
  const titleId = useId();
  const queryClient = useQueryClient();
  const [redelivering, setRedelivering] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const log = useInfiniteQuery({
    queryKey: deliveriesKey(scope, endpointId),
    queryFn: ({ pageParam }) => fetchDeliveries(scope, endpointId, { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const deliveries = useMemo(() => log.data?.pages.flatMap((page) => page.items) ?? [], [log.data]);

  const sendAgain = async (delivery: WebhookDelivery) => {
    setFailure(null);
    setRedelivering(delivery.deliveryId);
    try {
      await redeliver(scope, endpointId, delivery.deliveryId);
      notifications.show({ color: 'green', title: 'Redelivery queued', message: `The ${eventTypeLabel(delivery.eventType)} event is sent again.` });
      await queryClient.invalidateQueries({ queryKey: deliveriesKey(scope, endpointId) });
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setRedelivering(null);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={3} size="h4" id={titleId} style={{ overflowWrap: 'anywhere' }}>
              Delivery log of {name}
            </Title>
            <Text size="sm" c="dimmed">
              Newest first. A delivery is tried again with growing pauses until it is delivered or its retry window ends.
            </Text>
          </div>
          <Button variant="default" size="compact-sm" onClick={() => void log.refetch()} loading={log.isRefetching && !log.isFetchingNextPage}>
            Refresh
          </Button>
        </Group>
        {failure && (
          <Alert color="red" role="alert">
            The delivery could not be sent again: {failure}
          </Alert>
        )}
        {log.isError && !log.data ? (
          <ErrorState title="The delivery log could not be loaded" error={log.error} onRetry={() => void log.refetch()} />
        ) : log.isPending ? (
          <LoadingState label="Loading the delivery log" />
        ) : deliveries.length === 0 ? (
          <Text>No delivery yet: an event of a subscribed type shows here a moment after it happens.</Text>
        ) : (
          <>
            <Table.ScrollContainer minWidth={960}>
              <Table striped withTableBorder captionSide="top" verticalSpacing="xs">
                <Table.Caption>{`Deliveries: ${deliveries.length} shown`}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Event</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col">Attempts</Table.Th>
                    <Table.Th scope="col">Last response code</Table.Th>
                    <Table.Th scope="col">Last error</Table.Th>
                    <Table.Th scope="col">Next attempt</Table.Th>
                    <Table.Th scope="col">Delivered at</Table.Th>
                    {mayWrite && <Table.Th scope="col">Action</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {deliveries.map((delivery) => (
                    <Table.Tr key={delivery.deliveryId} data-delivery-id={delivery.deliveryId}>
                      <Table.Th scope="row" fw={400}>
                        <Text size="sm">{eventTypeLabel(delivery.eventType)}</Text>
                        <Text size="xs" c="dimmed">
                          <time dateTime={delivery.createdAt} title={delivery.createdAt}>
                            {localTime(delivery.createdAt)}
                          </time>
                        </Text>
                      </Table.Th>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Badge color={DELIVERY_STATUS_COLORS[delivery.status]} style={{ overflow: 'visible' }}>{DELIVERY_STATUS_LABELS[delivery.status]}</Badge>
                      </Table.Td>
                      <Table.Td>{delivery.attempts}</Table.Td>
                      <Table.Td>{responseCodeText(delivery.lastResponseCode)}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{delivery.lastError ?? '—'}</Table.Td>
                      <Table.Td>{localTime(delivery.nextAttemptAt)}</Table.Td>
                      <Table.Td>{localTime(delivery.deliveredAt)}</Table.Td>
                      {mayWrite && (
                        <Table.Td>
                          {mayRedeliver(delivery) && (
                            <Button
                              size="compact-sm"
                              variant="default"
                              loading={redelivering === delivery.deliveryId}
                              onClick={() => void sendAgain(delivery)}
                              aria-label={`Redeliver the ${eventTypeLabel(delivery.eventType)} event of ${localTime(delivery.createdAt)}`}
                            >
                              Redeliver
                            </Button>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {log.isFetchNextPageError && <ErrorState title="More deliveries could not be loaded" error={log.error} onRetry={() => void log.fetchNextPage()} />}
            <Group justify="center">
              {log.hasNextPage ? (
                <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
                  Load more
                </Button>
              ) : (
                <Text size="sm" c="dimmed">
                  That is all.
                </Text>
              )}
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
