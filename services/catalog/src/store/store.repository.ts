import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { ProductRepository, type ActiveProduct } from '../products/product.repository';
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
    return (await this.loadWithRevision(organizationId)).state;
  }

  /** The store and its stream's revision (undefined while never curated). */
  async loadWithRevision(organizationId: string): Promise<{ state: StoreState; revision: bigint | undefined }> {
    const events = await this.store.readStream(storeStreamId(organizationId));
    const state = events.reduce((s, e) => storeDecider.evolve(s, { type: e.type, data: e.data } as StoreEvent), storeDecider.initialState());
    return { state, revision: events.at(-1)?.revision };
  }

  /** The products of these ids that exist, by id. */
  async productsByIds(productIds: readonly string[]): Promise<Map<string, ActiveProduct>> {
    return (await this.productsWithRevisions(productIds)).byId;
  }

  /** The products of these ids that exist, by id, and the revision of each id's stream (in the order given). */
  async productsWithRevisions(productIds: readonly string[]): Promise<{ byId: Map<string, ActiveProduct>; revisions: (bigint | undefined)[] }> {
    const loaded = await Promise.all(productIds.map((id) => this.products.load(id)));
    const byId = new Map<string, ActiveProduct>();
    for (const { state } of loaded) if (state.status === 'active') byId.set(state.productId, state);
    return { byId, revisions: loaded.map((l) => l.revision) };
  }
}
