import { Inject, Injectable } from '@nestjs/common';
import type { CurateStoreRequest, StoreView } from '@broker/contracts';
import { handleCommand, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE } from '@broker/runtime';
import { OrganizationAccess } from '../../organization-access/organization-access';
import { moneyInput } from '../../products/product-input';
import { InvalidInputError, type FieldMessage } from '../../shared/invalid-input.error';
import { storeDecider } from '../domain/store.decider';
import { storeStreamId, type StoreEntry } from '../domain/store.events';
import { StoreRepository } from '../store-repository';
import { toStoreView } from '../store.view';

/**
 * Sets an organization's store to the given products of the reseller's own catalog ("set to": a repeated request
 * records nothing). A product id that is missing or another reseller's is refused alike, with the field named.
 */
@Injectable()
export class CurateStoreHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: OrganizationAccess,
    private readonly stores: StoreRepository,
  ) {}

  async execute(request: CurateStoreRequest, at = new Date()): Promise<StoreView> {
    const { actor, organizationId } = request;
    const { resellerId } = await this.access.check(actor, organizationId, ['reseller_admin'], 'curate the e-store');
    const products = await this.stores.productsByIds(request.products.map((p) => p.productId));
    const errors: FieldMessage[] = [];
    const seen = new Set<string>();
    const entries: StoreEntry[] = request.products.map((p, i) => {
      const product = products.get(p.productId);
      if (seen.has(p.productId)) errors.push({ field: `products.${i}.productId`, message: `products.${i}.productId appears more than once` });
      else if (!product || product.resellerId !== resellerId) errors.push({ field: `products.${i}.productId`, message: `products.${i}.productId is not a product of your catalog` });
      seen.add(p.productId);
      let price: string | null = null;
      // The organization price is in the product's currency (its reseller's); an unknown product is refused anyway.
      if (p.price !== undefined && p.price !== null && product) {
        try {
          price = moneyInput(`products.${i}.price`, p.price, product.currency);
        } catch (error) {
          if (!(error instanceof InvalidInputError)) throw error;
          errors.push(...error.errors);
        }
      }
      return { productId: p.productId, price };
    });
    if (errors.length > 0) throw new InvalidInputError(errors);
    const result = await handleCommand(
      this.store,
      storeStreamId(organizationId),
      storeDecider,
      { type: 'CurateStore', data: { organizationId, resellerId, products: entries }, actorId: actor.userId, at },
      { metadata: commandMetadata(actor, { resellerId, organizationId }), retries: 3 },
    );
    return toStoreView(result.newState, products);
  }
}
