import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ChangeProductRequest, ProductView } from '@broker/contracts';
import { commandMetadata, LOGGER } from '@broker/runtime';
import type { ProductChanges } from '../domain/product.decider';
import { normalizeSku } from '../domain/sku-claim.decider';
import { requireCatalogAdmin } from '../create-product/create-product.handler';
import { moneyInput, textInput } from '../product-input';
import { ProductRepository } from '../product.repository';
import { toProductView } from '../product.view';

/**
 * A partial change of one product of the caller's catalog. A new SKU is claimed before the change is recorded and
 * the old one released after it; a change of letter case only keeps the claim. The change appends at the revision
 * it was decided on, so a concurrent change answers 409 instead of being lost.
 */
@Injectable()
export class ChangeProductHandler {
  constructor(
    private readonly products: ProductRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(request: ChangeProductRequest, at = new Date()): Promise<ProductView> {
    const { actor, productId } = request;
    const resellerId = requireCatalogAdmin(actor);
    const loaded = await this.products.loadOfReseller(resellerId, productId);
    const changes = changesOf(request, loaded.product.currency);
    const oldSku = loaded.product.sku;
    const skuMoves = changes.sku !== undefined && changes.sku.toLowerCase() !== oldSku.toLowerCase();
    const key = `change:${String(loaded.revision)}`;
    const metadata = commandMetadata(actor, { resellerId });
    const claimed = skuMoves ? await this.products.claimSku(resellerId, changes.sku!, productId, key, at, metadata) : false;
    let state;
    try {
      state = await this.products.execute(actor, { state: loaded.product, revision: loaded.revision }, { type: 'ChangeProduct', data: { productId, changes }, actorId: actor.userId, at }, resellerId);
    } catch (error) {
      if (claimed) {
        await this.products.releaseSku(resellerId, changes.sku!, productId, key, at, metadata).catch((releaseError: unknown) => {
          this.logger.error({ err: releaseError, productId, sku: changes.sku }, 'Could not release the SKU of a change that failed');
        });
      }
      throw error;
    }
    if (skuMoves) await this.products.releaseSku(resellerId, oldSku, productId, key, at, metadata);
    return toProductView(state);
  }
}

function changesOf(request: ChangeProductRequest, currency: string): ProductChanges {
  const changes: ProductChanges = {};
  if (request.name !== undefined) changes.name = textInput('name', request.name);
  if (request.vendor !== undefined) changes.vendor = textInput('vendor', request.vendor);
  if (request.sku !== undefined) changes.sku = normalizeSku(request.sku);
  if (request.description !== undefined) changes.description = request.description.trim();
  if (request.billingFrequency !== undefined) changes.billingFrequency = request.billingFrequency;
  if (request.price !== undefined) changes.price = moneyInput('price', request.price, currency);
  if (request.cost !== undefined) changes.cost = moneyInput('cost', request.cost, currency);
  return changes;
}
