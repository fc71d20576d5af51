export type BillingFrequency = 'monthly' | 'annual';
export type TransactionType = 'order' | 'change' | 'cancel';

/**
 * The annualized value of a transaction in minor units of its currency (cents for most; yen, fils): unit price x
 * quantity increase x (12 for monthly, 1 for annual), exact whatever the currency.
 * Decreases and cancellations are worth 0.
 */
export function annualValueCents(input: { type: TransactionType; unitPriceCents: bigint; quantity: number; previousQuantity: number; billingFrequency: BillingFrequency }): bigint {
  const increase = input.type === 'cancel' ? 0 : Math.max(0, input.quantity - (input.type === 'order' ? 0 : input.previousQuantity));
  const periods = input.billingFrequency === 'monthly' ? 12n : 1n;
  return input.unitPriceCents * BigInt(increase) * periods;
}
