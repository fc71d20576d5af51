import type { SubscriptionChange } from '@broker/contracts';
import type { Projection } from '@broker/read-models';
import type { TransactionEvent } from '../../transactions/domain/transaction.events';
import type { BudgetSubscription } from '../domain/committed-spend';

/** One document per subscription: its approved changes, as billing accrues them, and its cost centre. */
export interface BudgetSubscriptionDoc {
  subscriptionId: string;
  organizationId: string;
  resellerId: string;
  productId: string;
  productName: string;
  currency: string;
  costCentre: string | null;
  changes: SubscriptionChange[];
  /** The approved transactions applied (an event applied again changes nothing). */
  transactionIds: string[];
}

const KIND: Record<TransactionEvent['data']['transactionType'], SubscriptionChange['kind']> = { order: 'activated', change: 'changed', cancel: 'cancelled' };

/**
 * The subscriptions of each organization as budgets count them: every approved order, change and cancellation at the
 * moment it takes effect, with the sell price, read by billing's accrual rules (only revenue counts, so the cost is 0).
 * A cancellation keeps the quantity the subscription had, as billing's accrual expects.
 */
export const budgetSubscriptionsProjection: Projection<BudgetSubscriptionDoc> = {
  name: 'budget_subscriptions',
  version: 1,
  handles: ['TransactionApproved'],
  indexes: { organizationId: 'string' },
  documentId: (event) => String(event.data.subscriptionId),
  evolve(document, recorded) {
    const event = { type: recorded.type, data: recorded.data } as unknown as Extract<TransactionEvent, { type: 'TransactionApproved' }>;
    const facts = event.data;
    if (document?.transactionIds.includes(facts.transactionId)) return document;
    const cancelled = facts.transactionType === 'cancel';
    const change: SubscriptionChange = {
      at: facts.effectiveAt ?? facts.decidedAt,
      kind: KIND[facts.transactionType],
      quantity: cancelled ? facts.previousQuantity : facts.quantity,
      unitPrice: facts.unitPrice,
      unitCost: '0',
      billingFrequency: facts.billingFrequency,
      ...(facts.subscriptionSequence === undefined ? {} : { sequence: facts.subscriptionSequence }),
    };
    return {
      subscriptionId: facts.subscriptionId,
      organizationId: facts.organizationId,
      resellerId: facts.resellerId,
      productId: facts.productId,
      productName: facts.productName,
      currency: facts.currency,
      // The order names the cost centre; later changes keep it.
      costCentre: document?.costCentre ?? facts.costCentre ?? null,
      changes: [...(document?.changes ?? []), change],
      transactionIds: [...(document?.transactionIds ?? []), facts.transactionId],
    };
  },
};

export function asBudgetSubscription(doc: BudgetSubscriptionDoc): BudgetSubscription {
  return { subscriptionId: doc.subscriptionId, productId: doc.productId, productName: doc.productName, costCentre: doc.costCentre, changes: doc.changes, holders: [], currency: doc.currency };
}
