import type { TransactionType } from '../../transactions/domain/annual-value';

/** Which subscription a ledger belongs to, repeated by every event so each is complete on its own. */
export interface LedgerSubject {
  subscriptionId: string;
  resellerId: string;
  organizationId: string;
  productId: string;
}

/**
 * Internal events of a subscription's ledger (`subscription-ledger-<subscriptionId>`): every approved transaction
 * of the subscription in the order it was decided. `sequence` numbers them (the order is 0); the catalog and billing
 * apply them in that order, whatever order their messages arrive in.
 */
export type SubscriptionLedgerEvent =
  | {
      type: 'SubscriptionTransactionCommitted';
      data: LedgerSubject & {
        transactionId: string;
        transactionType: TransactionType;
        sequence: number;
        /** The quantity once it applies (0 for a cancellation) and the one it replaces. */
        quantity: number;
        previousQuantity: number;
        /** A decimal in the currency of the transaction: the price of the subscription from this transaction on. */
        unitPrice: string;
        effectiveAt: string;
      };
    }
  | {
      /**
       * A subscription ordered before ledgers existed: its ledger starts from where the catalog says it stands, with
       * the catalog's count of applied transactions as the sequence.
       */
      type: 'SubscriptionLedgerAdopted';
      data: LedgerSubject & { sequence: number; quantity: number; status: 'active' | 'cancelled'; unitPrice: string; adoptedAt: string };
    };

export const subscriptionLedgerStreamId = (subscriptionId: string): string => `subscription-ledger-${subscriptionId}`;

export function asSubscriptionLedgerEvent(recorded: { type: string; data: Record<string, unknown> }): SubscriptionLedgerEvent {
  return { type: recorded.type, data: recorded.data } as unknown as SubscriptionLedgerEvent;
}
