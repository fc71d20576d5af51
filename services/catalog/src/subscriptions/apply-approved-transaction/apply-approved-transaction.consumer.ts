import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ApprovalsEvents, nameBasedId, type IntegrationEventEnvelope, type TransactionApprovedV1 } from '@broker/contracts';
import { eventHandlers, on, type IntegrationEventHandlers } from '@broker/messaging';
import { LOGGER, type ConsumerDefinition, type EventConsumer } from '@broker/runtime';
import { ProductRepository } from '../../products/product.repository';
import type { ApprovedTransaction } from '../domain/subscription.decider';
import { SubscriptionRepository, type SubscriptionOutcome } from '../subscription.repository';

/** The id of the i-th event a message causes: a redelivery of the message appends nothing twice. */
export const eventIdFromMessage = (messageId: string) => (index: number): string => nameBasedId(`catalog:approved-transaction:${messageId}:${index}`);

/**
 * Applies approved transactions of the approvals service to subscriptions (only approved ones change anything):
 * an order activates, a change sets the quantity, a cancellation cancels, each effective at the approval time and in
 * the order they were approved (one that arrives early is held until those before it are applied).
 * The unit cost is the product's cost when the transaction is applied. Events appended here are published by the
 * outbox as `catalog.subscription-*` and `catalog.licences-assigned.v1`.
 */
@Injectable()
export class ApprovedTransactionConsumer implements EventConsumer {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly products: ProductRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  consumers(): ConsumerDefinition[] {
    return [{ name: 'approvals', from: 'approvals', handlers: this.handlers() }];
  }

  handlers(): IntegrationEventHandlers {
    return eventHandlers(
      on(ApprovalsEvents.transactionApproved, async (envelope) => {
        await this.apply(envelope);
      }),
    );
  }

  async apply(envelope: IntegrationEventEnvelope<TransactionApprovedV1>): Promise<SubscriptionOutcome> {
    const tx = envelope.data;
    const { state: product } = await this.products.load(tx.productId);
    if (product.status !== 'active' || product.resellerId !== tx.resellerId) {
      throw new Error(`Approved transaction ${tx.transactionId} names product ${tx.productId}, which is not a product of reseller ${tx.resellerId}`);
    }
    const approved: ApprovedTransaction = {
      transactionId: tx.transactionId,
      transactionType: tx.transactionType,
      subscriptionId: tx.subscriptionId,
      resellerId: tx.resellerId,
      organizationId: tx.organizationId,
      productId: tx.productId,
      productName: tx.productName,
      billingFrequency: tx.billingFrequency,
      unitPrice: tx.unitPrice,
      unitCost: product.cost,
      currency: tx.currency,
      quantity: tx.quantity,
      effectiveAt: tx.effectiveAt,
      sequence: tx.subscriptionSequence ?? null,
    };
    const metadata = {
      correlationId: envelope.correlationId,
      causationId: envelope.id,
      actorId: tx.decidedBy,
      resellerId: tx.resellerId,
      organizationId: tx.organizationId,
    };
    const outcome = await this.subscriptions.execute(tx.subscriptionId, { type: 'ApplyApprovedTransaction', data: approved }, metadata, eventIdFromMessage(envelope.id));
    const applied = outcome.state.status !== 'none' && outcome.state.appliedTransactionIds.includes(tx.transactionId);
    const held = outcome.state.held.some((h) => h.transactionId === tx.transactionId);
    if (held) {
      this.logger.info(
        { transactionId: tx.transactionId, subscriptionId: tx.subscriptionId, sequence: tx.subscriptionSequence },
        'Approved transaction held until the ones approved before it arrive',
      );
    } else if (!applied) {
      this.logger.warn(
        { transactionId: tx.transactionId, transactionType: tx.transactionType, subscriptionId: tx.subscriptionId, status: outcome.state.status },
        'Approved transaction not applied: the subscription is not in a state it applies to',
      );
    }
    return outcome;
  }
}
