import type { Quote } from '@broker/contracts';
import { decideOnLedger, type LedgerSnapshot } from '../../subscription-ledger/subscription-ledger.repository';
import type { SubscriptionNow } from '../domain/transaction.decider';
import { SubscriptionNotFoundError } from '../domain/transaction.errors';

/**
 * Where a subscription stands now: quantity, status and sequence from its ledger (what has been approved, in order,
 * including what the catalog may not have applied yet), assigned users from the catalog (none while the catalog does
 * not have the subscription yet). Null when the ledger does not know it.
 */
export function subscriptionNow(ledger: LedgerSnapshot, quote: Quote | null): SubscriptionNow | null {
  if (ledger.state.status === 'none') return null;
  const { quantity, status, sequence, lastEffectiveAt } = ledger.state;
  return { quantity, status, sequence, lastEffectiveAt, assignedCount: quote?.subscription?.assignedCount ?? 0 };
}

/**
 * A subscription ordered before ledgers existed has none: it starts from where the catalog says the subscription
 * stands, written with the first transaction that needs it.
 */
export function adoptFromCatalog(ledger: LedgerSnapshot, quote: Quote, at: Date): LedgerSnapshot {
  const known = quote.subscription;
  if (ledger.state.status !== 'none') return ledger;
  if (!known) throw new SubscriptionNotFoundError(ledger.subscriptionId);
  return decideOnLedger(ledger, {
    type: 'AdoptSubscription',
    data: {
      subscriptionId: ledger.subscriptionId,
      resellerId: quote.resellerId,
      organizationId: quote.organizationId,
      productId: quote.productId,
      sequence: known.sequence,
      quantity: known.quantity,
      status: known.status,
      unitPrice: quote.unitPrice,
    },
    at,
  });
}
