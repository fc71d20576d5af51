import { Injectable } from '@nestjs/common';
import { QuoteRpc, type ActorDto, type Quote, type QuoteRequest } from '@broker/contracts';
import { DomainError } from '@broker/event-sourcing';
import { RpcCallError, RpcClient } from '@broker/messaging';
import { SubscriptionNotFoundError } from '../domain/transaction.errors';

export class ProductNotOfferedError extends DomainError {
  constructor(productId: string) {
    super('PRODUCT.NOT_FOUND', `Product ${productId} is not offered in this organization's e-store`);
  }
}

const isCatalogNotFound = (error: unknown): boolean => error instanceof RpcCallError && error.code === 'CATALOG.NOT_FOUND';

/**
 * A quote is a read: asked again once when the catalog does not answer in time (a replica that stopped answering
 * gets the first try, a live one most likely the second), then the caller gets 503 and may retry.
 */
const QUOTE_TIMEOUT_MS = 2000;
const QUOTE_ATTEMPTS = 2;

/** What the catalog quotes for an organization at this moment: its price of a product, and where a subscription stands. */
@Injectable()
export class CatalogQuotes {
  constructor(private readonly rpc: RpcClient) {}

  async forProduct(actor: ActorDto, organizationId: string, productId: string): Promise<Quote> {
    try {
      return await this.ask({ actor, organizationId, productId });
    } catch (error) {
      throw isCatalogNotFound(error) ? new ProductNotOfferedError(productId) : error;
    }
  }

  /**
   * The price of a subscription's product now and, when the catalog has it already, its assigned users. Naming the
   * product lets a subscription approved a moment ago be quoted before the catalog has applied it.
   */
  async forSubscription(actor: ActorDto, organizationId: string, subscriptionId: string, productId?: string): Promise<Quote> {
    let quote: Quote;
    try {
      quote = await this.ask({ actor, organizationId, subscriptionId, ...(productId ? { productId } : {}) });
    } catch (error) {
      throw isCatalogNotFound(error) ? new SubscriptionNotFoundError(subscriptionId) : error;
    }
    if (quote.subscription && quote.subscription.id !== subscriptionId) throw new SubscriptionNotFoundError(subscriptionId);
    if (!quote.subscription && !productId) throw new SubscriptionNotFoundError(subscriptionId);
    return quote;
  }

  private async ask(request: QuoteRequest): Promise<Quote> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.rpc.call(QuoteRpc.quote, request, { timeoutMs: QUOTE_TIMEOUT_MS });
      } catch (error) {
        const unanswered = error instanceof RpcCallError && error.code === 'RPC.UNAVAILABLE';
        if (!unanswered || attempt >= QUOTE_ATTEMPTS) throw error;
      }
    }
  }
}
