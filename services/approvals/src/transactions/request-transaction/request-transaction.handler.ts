import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { parseMoneyAmount, type ActorDto, type Quote, type TransactionReceipt } from '@broker/contracts';
import { commandMetadata } from '@broker/runtime';
import { ApprovalPolicyRepository } from '../../approval-policy/approval-policy.repository';
import { policyOf, type ApprovalPolicy } from '../../approval-policy/domain/approval-policy.decider';
import type { TransactionType } from '../domain/annual-value';
import type { PolicyInForce } from '../domain/approval-rule';
import { isResellerStaff, mayDoWithTransactions } from '../domain/transaction-access';
import type { SubscriptionNow, TransactionRequest } from '../domain/transaction.decider';
import { TransactionForbiddenError } from '../domain/transaction.errors';
import { CatalogQuotes } from '../shared/catalog-quotes';
import { OrganizationDirectory } from '../shared/organization-directory';
import { TransactionRepository } from '../shared/transaction-repository';
import { toReceipt } from '../shared/transaction.view';

export type TransactionAsked =
  | { type: 'order'; actor: ActorDto; organizationId: string; transactionId: string; productId: string; quantity: number }
  | { type: 'change'; actor: ActorDto; organizationId: string; transactionId: string; subscriptionId: string; quantity: number }
  | { type: 'cancel'; actor: ActorDto; organizationId: string; transactionId: string; subscriptionId: string };

export function policyInForce(policy: ApprovalPolicy): PolicyInForce {
  const limit = parseMoneyAmount(policy.dynamicApproval.annualLimit);
  if (!limit.ok) throw new Error(`Stored annual limit is not an amount: ${policy.dynamicApproval.annualLimit}`);
  return { approvalRequired: policy.approvalRequired, dynamicApproval: { enabled: policy.dynamicApproval.enabled, annualLimitCents: limit.cents } };
}

/**
 * Orders, quantity changes and cancellations. Everything the decision rests on is taken at the moment of the
 * request, in this order: the tenant (organizations), the price and the subscription (catalog), the approval
 * policy (this service's own policy stream, so a policy set a moment ago is in force), then the clock.
 */
@Injectable()
export class RequestTransactionHandler {
  constructor(
    private readonly organizations: OrganizationDirectory,
    private readonly quotes: CatalogQuotes,
    private readonly policies: ApprovalPolicyRepository,
    private readonly transactions: TransactionRepository,
  ) {}

  async execute(asked: TransactionAsked, clock: () => Date = () => new Date()): Promise<TransactionReceipt> {
    const { actor, organizationId, transactionId } = asked;
    const organization = await this.organizations.lookup(actor, organizationId);
    if (!mayDoWithTransactions(actor, 'request')) throw new TransactionForbiddenError('order, change or cancel subscriptions');

    let quote: Quote;
    let subscription: SubscriptionNow | null = null;
    let subscriptionId: string;
    if (asked.type === 'order') {
      quote = await this.quotes.forProduct(actor, organizationId, asked.productId);
      subscriptionId = this.newSubscriptionId();
    } else {
      const quoted = await this.quotes.forSubscription(actor, organizationId, asked.subscriptionId);
      const { quantity, assignedCount, status } = quoted.subscription;
      quote = quoted;
      subscription = { quantity, assignedCount, status };
      subscriptionId = asked.subscriptionId;
    }
    const price = parseMoneyAmount(quote.unitPrice);
    if (!price.ok) throw new Error(`The catalog quoted a price that is not an amount: ${quote.unitPrice}`);

    const policy = policyInForce(policyOf(await this.policies.load(organizationId)));
    const request: TransactionRequest = {
      transactionId,
      resellerId: organization.resellerId,
      organizationId,
      organizationName: organization.name,
      transactionType: asked.type as TransactionType,
      productId: quote.productId,
      productName: quote.productName,
      subscriptionId,
      quantity: asked.type === 'cancel' ? 0 : asked.quantity,
      subscription,
      unitPriceCents: price.cents,
      billingFrequency: quote.billingFrequency,
      currency: quote.currency,
      policy,
      requestedByResellerStaff: isResellerStaff(actor),
    };
    const state = await this.transactions.execute(
      { type: 'RequestTransaction', data: request, actorId: actor.userId, at: clock() },
      commandMetadata(actor, { resellerId: organization.resellerId, organizationId }),
    );
    return toReceipt(state);
  }

  /** The id the subscription of a new order gets: chosen here, carried by every event of the transaction. */
  private newSubscriptionId(): string {
    return randomUUID();
  }
}
