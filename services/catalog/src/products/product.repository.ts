import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { nameBasedId, type ActorDto } from '@broker/contracts';
import { handleCommand, type EventMetadata, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE } from '@broker/runtime';
import { productDecider, type ProductCommand, type ProductState } from './domain/product.decider';
import { productStreamId, type ProductEvent } from './domain/product.events';
import { ProductNotFoundError } from './domain/product.errors';
import { skuClaimDecider, skuClaimStreamId } from './domain/sku-claim.decider';

export type ActiveProduct = Extract<ProductState, { status: 'active' }>;

export interface LoadedProduct {
  state: ProductState;
  /** The stream's revision; undefined when it does not exist. */
  revision: bigint | undefined;
}

/** Products from their streams (so a read right after a write sees it), SKU claims, and appends at a known revision. */
@Injectable()
export class ProductRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(productId: string): Promise<LoadedProduct> {
    const events = await this.store.readStream(productStreamId(productId));
    const state = events.reduce((s, e) => productDecider.evolve(s, { type: e.type, data: e.data } as ProductEvent), productDecider.initialState());
    return { state, revision: events.length > 0 ? events[events.length - 1]!.revision : undefined };
  }

  /** The product, if it exists and belongs to this reseller; another reseller's answers exactly like a missing one. */
  async loadOfReseller(resellerId: string, productId: string): Promise<{ product: ActiveProduct; revision: bigint }> {
    const { state, revision } = await this.load(productId);
    if (state.status !== 'active' || state.resellerId !== resellerId || revision === undefined) throw new ProductNotFoundError(productId);
    return { product: state, revision };
  }

  /** Decides on the state as loaded and appends at its revision: a concurrent change answers 409. */
  async execute(actor: ActorDto, loaded: LoadedProduct, command: ProductCommand, resellerId: string): Promise<ProductState> {
    const events = productDecider.decide(command, loaded.state);
    if (events.length === 0) return loaded.state;
    const productId = command.data.productId;
    await this.store.appendToStream(
      productStreamId(productId),
      events.map((event) => ({ id: randomUUID(), type: event.type, data: { ...event.data }, metadata: commandMetadata(actor, { resellerId }) })),
      loaded.revision ?? 'no_stream',
    );
    return events.reduce(productDecider.evolve, loaded.state);
  }

  /**
   * Claims a SKU for a product. `key` names the step (the product revision it changes), so a retried step lands
   * on the same event. True when this call made the claim, false when the product held it already.
   */
  async claimSku(resellerId: string, sku: string, productId: string, key: string, at: Date, metadata: EventMetadata): Promise<boolean> {
    const streamId = skuClaimStreamId(resellerId, sku);
    const result = await handleCommand(this.store, streamId, skuClaimDecider, { type: 'ClaimSku', data: { resellerId, sku, productId }, at }, {
      metadata,
      newEventId: () => nameBasedId(`claim:${streamId}:${productId}:${key}`),
    });
    return result.newEvents.length > 0;
  }

  async releaseSku(resellerId: string, sku: string, productId: string, key: string, at: Date, metadata: EventMetadata): Promise<void> {
    const streamId = skuClaimStreamId(resellerId, sku);
    await handleCommand(this.store, streamId, skuClaimDecider, { type: 'ReleaseSku', data: { resellerId, sku, productId }, at }, {
      metadata,
      newEventId: () => nameBasedId(`release:${streamId}:${productId}:${key}`),
    });
  }
}
