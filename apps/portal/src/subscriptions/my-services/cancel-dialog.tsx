import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, idempotencyKey } from '../../api/api-client';
import { messageOf, unwrap } from '../../api/problem';
import { TransactionAnswer, type TransactionReceipt } from '../../store/shared/transaction-answer';
import type { Subscription } from './subscription';
import { NAMED_CLOSE_BUTTON } from '../../store/shared/readable-props';

/** Asks before cancelling a subscription, then shows whether the cancellation is approved or pending approval. */
export function CancelDialog({ orgId, subscription, onClose }: { orgId: string; subscription: Subscription; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [receipt, setReceipt] = useState<TransactionReceipt | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [key] = useState(idempotencyKey);

  const cancel = async () => {
    setFailure(null);
    setRunning(true);
    try {
      const answer = unwrap(
        await api.POST('/api/v1/organizations/{orgId}/subscriptions/{subscriptionId}/cancel', {
          params: { path: { orgId, subscriptionId: subscription.id }, header: { 'Idempotency-Key': key } },
        }),
      );
      setReceipt(answer);
      void queryClient.invalidateQueries({ queryKey: ['subscriptions', orgId] });
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Modal opened onClose={onClose} closeButtonProps={NAMED_CLOSE_BUTTON} title={`Cancel ${subscription.productName}?`} centered>
      <Stack>
        {receipt ? (
          <TransactionAnswer receipt={receipt} what={`The cancellation of ${subscription.productName}`} />
        ) : (
          <Text size="sm">
            All {subscription.quantity} licences end, and the {subscription.assignedUserIds.length} users holding one lose it. Charges stop from the day the
            cancellation takes effect.
          </Text>
        )}
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {receipt ? 'Close' : 'Keep the service'}
          </Button>
          {!receipt && (
            <Button color="red.9" onClick={() => void cancel()} loading={running}>
              Cancel the service
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
