import { Alert, Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { api, idempotencyKey } from '../../api/api-client';
import { ApiError, messageOf, unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { TransactionAnswer, type TransactionReceipt } from '../shared/transaction-answer';
import { approvalForecast, type Forecast } from './approval-forecast';
import { READABLE_ALERT, NAMED_CLOSE_BUTTON } from '../shared/readable-props';

type StoreItem = components['schemas']['StoreItemResponse'];

interface OrderFields {
  quantity: number | string;
}

/** Order a quantity of one product: says before ordering whether approval will be needed, and after what the API decided. */
export function OrderDialog({ orgId, item, resellerStaff, onClose }: { orgId: string; item: StoreItem; resellerStaff: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [receipt, setReceipt] = useState<TransactionReceipt | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // One key for this dialog's order: a retry after a lost answer is not a second order.
  const [key] = useState(idempotencyKey);
  const settings = useQuery({
    queryKey: ['organization-settings', orgId],
    queryFn: async () => {
      const result = await api.GET('/api/v1/organizations/{orgId}/settings', { params: { path: { orgId } } });
      return { settings: unwrap(result), etag: result.response.headers.get('ETag') };
    },
  });
  const {
    control,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<OrderFields>({ defaultValues: { quantity: 1 } });
  const quantity = Number(watch('quantity'));
  const forecast = settings.data && Number.isInteger(quantity) && quantity > 0 ? approvalForecast(settings.data.settings, item, quantity, resellerStaff) : null;

  const order = handleSubmit(async (fields) => {
    setFailure(null);
    try {
      const answer = unwrap(
        await api.POST('/api/v1/organizations/{orgId}/orders', {
          params: { path: { orgId }, header: { 'Idempotency-Key': key } },
          body: { productId: item.productId, quantity: Number(fields.quantity) },
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
    <Modal opened onClose={onClose} closeButtonProps={NAMED_CLOSE_BUTTON} title={`Order ${item.name}`} centered>
      {receipt ? (
        <Stack>
          <TransactionAnswer receipt={receipt} what={`Your order of ${quantity} × ${item.name}`} />
          <Group justify="flex-end">
            <Button onClick={onClose}>Close</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={(event) => void order(event)} noValidate>
          <Stack>
            <Text size="sm">
              {item.price} {item.currency} per licence, billed {item.billingFrequency === 'monthly' ? 'monthly' : 'annually'}.
            </Text>
            {failure && (
              <Alert color="red" role="alert">
                {failure}
              </Alert>
            )}
            <Controller
              control={control}
              name="quantity"
              rules={{ validate: (value) => (Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= 100000) || 'Enter a whole number from 1 to 100000' }}
              render={({ field }) => (
                <NumberInput
                  label="Quantity"
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
            <ForecastNote forecast={forecast} currency={item.currency} limit={settings.data?.settings.dynamicApproval.annualLimit} unknown={settings.isError} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Close
              </Button>
              <Button type="submit" loading={isSubmitting}>
                Order
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function ForecastNote({ forecast, currency, limit, unknown }: { forecast: Forecast | null; currency: string; limit: string | undefined; unknown: boolean }) {
  if (unknown) return <Text size="sm">Whether this order needs approval is shown once it is placed.</Text>;
  if (!forecast) return null;
  const value = `${forecast.annualValue} ${currency} a year`;
  if (!forecast.needsApproval)
    return (
      <Alert styles={READABLE_ALERT} color="teal" variant="light" title="No approval needed" aria-live="polite">
        {forecast.rule === 'dynamic_limit' ? `Worth ${value}, within your annual limit of ${limit} ${currency}: ` : `Worth ${value}: `}
        approved as soon as you order.
      </Alert>
    );
  return (
    <Alert styles={READABLE_ALERT} color="yellow" variant="light" title="Needs approval" aria-live="polite">
      {forecast.rule === 'dynamic_limit'
        ? `Worth ${value}, above your annual limit of ${limit} ${currency}: your reseller approves it before it takes effect.`
        : `Worth ${value}. Your organization's Approval Process is on: your reseller approves every order before it takes effect.`}
    </Alert>
  );
}
