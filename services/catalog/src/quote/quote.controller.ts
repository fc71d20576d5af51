import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { QuoteRequest, QuoteRpc, type Quote } from '@broker/contracts';
import { DomainError, InvalidInputError } from '@broker/event-sourcing';
import { RpcCallError, RpcHandler } from '@broker/messaging';
import { OrganizationAccessClient, OrganizationNotFoundError } from '@broker/runtime';
import { ProductRepository } from '../products/product.repository';
import { StoreRepository } from '../store/store.repository';
import type { SubscriptionState } from '../subscriptions/domain/subscription.decider';
import { SubscriptionRepository } from '../subscriptions/subscription.repository';
import { priceQuote } from './price-quote';

export class CatalogNotFoundError extends DomainError {
  constructor(what: string) {
    super('CATALOG.NOT_FOUND', `${what} was not found in the organization's e-store`);
  }
}

/**
 * `catalog.quote`: the approvals service asks, at the moment of every order, change or cancellation, what the
 * organization pays. Everything is read from streams, so a store curated a moment ago is in force. An organization
 * the actor may not see, a product outside its store, a subscription of another organization: CATALOG.NOT_FOUND.
 */
@Controller()
export class QuoteController {
  constructor(
    private readonly organizations: OrganizationAccessClient,
    private readonly stores: StoreRepository,
    private readonly products: ProductRepository,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  @RpcHandler(QuoteRpc.quote)
  async quote(@Payload() request: QuoteRequest): Promise<Quote> {
    const { actor, organizationId, productId, subscriptionId } = request;
    if (!productId && !subscriptionId) throw new InvalidInputError([{ field: 'productId', message: 'productId or subscriptionId is required' }]);
    // Only the tenant matters here, and it never changes: decided from the actor's claims or what a lookup answered.
    let organization: { organizationId: string; resellerId: string };
    try {
      const tenant = await this.organizations.tenant(actor, organizationId);
      if (tenant.resellerId === null) throw new OrganizationNotFoundError(organizationId);
      organization = { organizationId, resellerId: tenant.resellerId };
    } catch (error) {
      if ((error instanceof RpcCallError && error.status === 404) || error instanceof OrganizationNotFoundError) throw new CatalogNotFoundError(`Organization ${organizationId}`);
      throw error;
    }
    let subscription: SubscriptionState | undefined;
    if (subscriptionId) subscription = (await this.subscriptions.load(subscriptionId)).state;
    const quotedProductId = subscription && subscription.status !== 'none' ? subscription.productId : productId;
    const [store, product] = await Promise.all([
      this.stores.load(organizationId),
      quotedProductId ? this.products.load(quotedProductId).then((p) => (p.state.status === 'active' ? p.state : null)) : Promise.resolve(null),
    ]);
    const quote = priceQuote({ organization, store, product, ...(subscription ? { subscription } : {}), ...(productId ? { productId } : {}) });
    if (!quote) throw new CatalogNotFoundError(subscriptionId ? `Subscription ${subscriptionId}` : `Product ${productId ?? ''}`);
    return quote;
  }
}
