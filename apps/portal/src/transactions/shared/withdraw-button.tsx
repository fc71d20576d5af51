import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, idempotencyKey } from '../../api/api-client';
import { ApiError, messageOf, unwrap } from '../../api/problem';
import type { Transaction } from './find-transaction';
import { historyKey, transactionKey } from './use-transaction';
import { PRODUCT_REQUEST } from './transaction-format';

/** Withdraw, for the requester of a pending request, after a confirmation. */
export function WithdrawButton({ transaction, onWithdrawn, size = 'sm' }: { transaction: Transaction; onWithdrawn?: (t: Transaction) => void; size?: string }) {
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const t = transaction;

  const withdraw = async () => {
    setRunning(true);
    setFailure(null);
    try {
      const withdrawn = unwrap(
        await api.POST('/api/v1/organizations/{orgId}/transactions/{transactionId}/withdraw', {
          params: { path: { orgId: t.organizationId, transactionId: t.id }, header: { 'Idempotency-Key': idempotencyKey() } },
        }),
      );
      queryClient.setQueryData(transactionKey(t.organizationId, t.id), withdrawn);
      void queryClient.invalidateQueries({ queryKey: historyKey(t.organizationId, t.id) });
      void queryClient.invalidateQueries({ queryKey: ['transactions', t.organizationId] });
      notifications.show({ color: 'green', title: 'Withdrawn', message: 'The request is withdrawn.' });
      onWithdrawn?.(withdrawn);
      setOpened(false);
    } catch (error) {
      setFailure(error instanceof ApiError && error.status === 409 ? `This request was already decided, so it cannot be withdrawn. ${messageOf(error)}` : messageOf(error));
    } finally {
      setRunning(false);
    }
  };

  return (
    <>
      <Button size={size} variant="outline" color="red.9" onClick={() => setOpened(true)} aria-label={`Withdraw the request for ${t.productName}`}>
        Withdraw
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Withdraw the request" centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack gap="md">
          <Text size="sm">Withdraw the {PRODUCT_REQUEST[t.type]} of {t.productName}? Nothing changes and the reseller no longer needs to decide it.</Text>
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              Keep it
            </Button>
            <Button color="red.9" loading={running} onClick={() => void withdraw()}>
              Withdraw
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
