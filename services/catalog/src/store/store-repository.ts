import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { ProductRepository, type ActiveProduct } from '../products/product-repository/product-repository';
import { storeDecider, type StoreState } from './domain/store.decider';
import { storeStreamId, type StoreEvent } from './domain/store.events';

/** An organization's store and the products in it, from their streams: a read right after a curation sees it. */
@Injectable()
export class StoreRepository {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly products: ProductRepository,
  ) {}

  async load(organizationId: string): Promise<StoreState> {
    const events = await this.store.readStream(storeStreamId(organizationId));
    return events.reduce((s, e) => storeDecider.evolve(s, { type: e.type, data: e.data } as StoreEvent), storeDecider.initialState());
  }

  /** The products of these ids that exist, by id. */
  async productsByIds(productIds: readonly string[]): Promise<Map<string, ActiveProduct>> {
    const loaded = await Promise.all(productIds.map((id) => this.products.load(id)));
    const byId = new Map<string, ActiveProduct>();
    for (const { state } of loaded) if (state.status === 'active') byId.set(state.productId, state);
    return byId;
  }
}
