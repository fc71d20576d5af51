import { Alert, Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { api, idempotencyKey } from '../../api/api-client';
import { ApiError, messageOf, unwrap } from '../../api/problem';
import { TransactionAnswer, type TransactionReceipt } from '../../store/shared/transaction-answer';
import type { Subscription } from './subscription';
import { NAMED_CLOSE_BUTTON } from '../../store/shared/readable-props';

/** Change a subscription's quantity (a transaction: approved at once or pending approval). */
export function ChangeQuantityDialog({ orgId, subscription, onClose }: { orgId: string; subscription: Subscription; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [receipt, setReceipt] = useState<TransactionReceipt | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [key] = useState(idempotencyKey);
  const assigned = subscription.assignedUserIds.length;
  const {
    control,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<{ quantity: number | string }>({ defaultValues: { quantity: subscription.quantity } });
  const quantity = Number(watch('quantity'));

  const change = handleSubmit(async (fields) => {
    setFailure(null);
    try {
      const answer = unwrap(
        await api.POST('/api/v1/organizations/{orgId}/subscriptions/{subscriptionId}/changes', {
          params: { path: { orgId, subscriptionId: subscription.id }, header: { 'Idempotency-Key': key } },
          body: { quantity: Number(fields.quantity) },
        }),
      );
      setReceipt(answer);
      void queryClient.invalidateQueries({ queryKey: ['subscriptions', orgId] });
    } catch (error) {
      const byField = error instanceof ApiError ? error.fieldErrors : {};
      if (byField['quantity']) setError('quantity', { message: byField['quantity'] });
      else setFailure(messageOf(error));
    }
  });

  return (
    <Modal opened onClose={onClose} closeButtonProps={NAMED_CLOSE_BUTTON} title={`Change quantity of ${subscription.productName}`} centered>
      {receipt ? (
        <Stack>
          <TransactionAnswer receipt={receipt} what={`The change to ${quantity} × ${subscription.productName}`} />
          <Group justify="flex-end">
            <Button onClick={onClose}>Close</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={(event) => void change(event)} noValidate>
          <Stack>
            <Text size="sm">
              Now {subscription.quantity}, of which {assigned} assigned. A decrease cannot go below the assigned licences.
            </Text>
            {failure && (
              <Alert color="red" role="alert">
                {failure}
              </Alert>
            )}
            <Controller
              control={control}
              name="quantity"
              rules={{
                validate: (value) => {
                  const n = Number(value);
                  if (!Number.isInteger(n) || n < 1 || n > 100000) return 'Enter a whole number from 1 to 100000';
                  if (n === subscription.quantity) return 'Enter a quantity other than the current one';
                  if (n < assigned) return `Unassign licences first: ${assigned} are assigned`;
                  return true;
                },
              }}
              render={({ field }) => (
                <NumberInput
                  label="New quantity"
                  required
                  min={1}
                  max={100000}
                  allowDecimal={false}
                  allowNegative={false}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  error={errors.quantity?.message}
                  data-autofocus
                />
              )}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Close
              </Button>
              <Button type="submit" loading={isSubmitting}>
                Change quantity
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
