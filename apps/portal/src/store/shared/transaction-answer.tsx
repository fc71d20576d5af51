import { Alert, Text } from '@mantine/core';
import type { components } from '../../api/schema.gen';
import { READABLE_ALERT } from './readable-props';

export type TransactionReceipt = components['schemas']['TransactionReceiptResponse'];

/** The API's answer to an order, a change or a cancellation: approved at once, or waiting for the reseller. */
export function TransactionAnswer({ receipt, what }: { receipt: TransactionReceipt; what: string }) {
  if (receipt.status === 'approved')
    return (
      <Alert styles={READABLE_ALERT} color="teal" title="Approved" role="status">
        <Text size="sm">{what} is approved and takes effect now. My services shows it in a moment.</Text>
      </Alert>
    );
  return (
    <Alert styles={READABLE_ALERT} color="yellow" title="Pending approval" role="status">
      <Text size="sm">
        {what} is pending approval by your reseller (annual value {receipt.annualValue} {receipt.currency}). It takes effect once approved; the decision is
        e-mailed to you and to your organization's notification address.
      </Text>
    </Alert>
  );
}

export const BILLING_FREQUENCY_NAMES = { monthly: 'Monthly', annual: 'Annual' } as const;
