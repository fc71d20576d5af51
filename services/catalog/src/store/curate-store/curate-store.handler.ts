import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ActorDto, CurateStoreRequest, StoreProductDto, StoreView } from '@broker/contracts';
import { handleCommand, InvalidInputError, WrongExpectedRevisionError, type EventStore, type FieldMessage } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE, OrganizationAccessClient } from '@broker/runtime';
import { moneyInput } from '../../products/product-input';
import type { ActiveProduct } from '../../products/product.repository';
import { STORE_CURATORS } from '../store-access';
import { storeDecider, type StoreCommand } from '../domain/store.decider';
import { storeStreamId, type StoreEntry } from '../domain/store.events';
import { StoreRepository } from '../store.repository';
import { storeVersion, StoreVersionMismatchError } from '../store-version';
import { toStoreView } from '../store.view';

/**
 * Sets an organization's store to the given products of the reseller's own catalog ("set to": a repeated request
 * records nothing). A product id that is missing or another reseller's is refused alike, with the field named.
 * With expected versions (If-Match) it decides on the store at one of them and appends at exactly that revision, so
 * the version check and the write are one step.
 */
@Injectable()
export class CurateStoreHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly organizations: OrganizationAccessClient,
    private readonly stores: StoreRepository,
  ) {}

  async execute(request: CurateStoreRequest, at = new Date()): Promise<StoreView> {
    const { actor, organizationId, expectedVersions } = request;
    const { resellerId } = await this.organizations.check(actor, organizationId, STORE_CURATORS);
    if (expectedVersions !== undefined) return this.curateAtExpectedVersion(actor, resellerId, request, expectedVersions, at);
    const { byId: products, revisions } = await this.stores.productsWithRevisions(request.products.map((p) => p.productId));
    const command = curateCommand(actor, organizationId, resellerId, request.products, products, at);
    const result = await handleCommand(this.store, storeStreamId(organizationId), storeDecider, command, {
      metadata: commandMetadata(actor, { resellerId, organizationId }),
      retries: 3,
    });
    return { ...toStoreView(result.newState, products), version: storeVersion(result.nextExpectedRevision, revisions) };
  }

  private async curateAtExpectedVersion(actor: ActorDto, resellerId: string, request: CurateStoreRequest, expectedVersions: readonly string[], at: Date): Promise<StoreView> {
    const { organizationId } = request;
    const { state, revision } = await this.stores.loadWithRevision(organizationId);
    const current = await this.stores.productsWithRevisions(state.products.map((p) => p.productId));
    if (!expectedVersions.includes(storeVersion(revision, current.revisions))) throw new StoreVersionMismatchError();
    const { byId: products, revisions } = await this.stores.productsWithRevisions(request.products.map((p) => p.productId));
    const command = curateCommand(actor, organizationId, resellerId, request.products, products, at);
    const events = storeDecider.decide(command, state);
    if (events.length === 0) return { ...toStoreView(state, current.byId), version: storeVersion(revision, current.revisions) };
    try {
      const metadata = commandMetadata(actor, { resellerId, organizationId });
      const appended = await this.store.appendToStream(
        storeStreamId(organizationId),
        events.map((event) => ({ id: randomUUID(), type: event.type, data: { ...event.data }, metadata: { ...metadata } })),
        revision ?? 'no_stream',
      );
      return { ...toStoreView(events.reduce(storeDecider.evolve, state), products), version: storeVersion(appended.nextExpectedRevision, revisions) };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw new StoreVersionMismatchError();
      throw error;
    }
  }
}

/** The curation of these products, or the field errors of those that are not the reseller's own, given twice or mispriced. */
function curateCommand(actor: ActorDto, organizationId: string, resellerId: string, requested: readonly StoreProductDto[], products: ReadonlyMap<string, ActiveProduct>, at: Date): StoreCommand {
  const errors: FieldMessage[] = [];
  const seen = new Set<string>();
  const entries: StoreEntry[] = requested.map((p, i) => {
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
  return { type: 'CurateStore', data: { organizationId, resellerId, products: entries }, actorId: actor.userId, at };
}
