import { Injectable } from '@nestjs/common';
import { QuoteRpc, type ActorDto, type Quote, type QuoteRequest } from '@broker/contracts';
import { DomainError } from '@broker/event-sourcing';
import { RpcCallError, RpcClient } from '@broker/messaging';

export class ProductNotOfferedError extends DomainError {
  constructor(productId: string) {
    super('PRODUCT.NOT_FOUND', `Product ${productId} is not offered in this organization's e-store`);
  }
}

export class SubscriptionNotFoundError extends DomainError {
  constructor(subscriptionId: string) {
    super('SUBSCRIPTION.NOT_FOUND', `Subscription ${subscriptionId} was not found`);
  }
}

export type SubscriptionQuote = Quote & { subscription: NonNullable<Quote['subscription']> };

const isCatalogNotFound = (error: unknown): boolean => error instanceof RpcCallError && error.code === 'CATALOG.NOT_FOUND';

/** What the catalog quotes for an organization at this moment: its price of a product, and where a subscription stands. */
@Injectable()
export class CatalogQuotes {
  constructor(private readonly rpc: RpcClient) {}

  async forProduct(actor: ActorDto, organizationId: string, productId: string): Promise<Quote> {
    try {
      return await this.rpc.request<Quote, QuoteRequest>(QuoteRpc.quote, { actor, organizationId, productId });
    } catch (error) {
      throw isCatalogNotFound(error) ? new ProductNotOfferedError(productId) : error;
    }
  }

  async forSubscription(actor: ActorDto, organizationId: string, subscriptionId: string): Promise<SubscriptionQuote> {
    let quote: Quote;
    try {
      quote = await this.rpc.request<Quote, QuoteRequest>(QuoteRpc.quote, { actor, organizationId, subscriptionId });
    } catch (error) {
      throw isCatalogNotFound(error) ? new SubscriptionNotFoundError(subscriptionId) : error;
    }
    if (!quote.subscription || quote.subscription.id !== subscriptionId) throw new SubscriptionNotFoundError(subscriptionId);
    return quote as SubscriptionQuote;
  }
}
