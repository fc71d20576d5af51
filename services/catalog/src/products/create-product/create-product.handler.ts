import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ResellerRpc, type ActorDto, type CreateProductRequest, type ProductView } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { commandMetadata, LOGGER } from '@broker/runtime';
import { CatalogForbiddenError } from '../domain/product.errors';
import { normalizeSku } from '../domain/sku-claim.decider';
import { moneyInput, textInput } from '../product-input';
import { ProductRepository } from '../product.repository';
import { toProductView } from '../product.view';

/** Only a reseller's own admins manage its catalog. */
export function requireCatalogAdmin(actor: ActorDto): string {
  if (actor.role !== 'reseller_admin' || !actor.resellerId) throw new CatalogForbiddenError('manage a catalog');
  return actor.resellerId;
}

/**
 * Adds a product to the caller's catalog. Its SKU is claimed first (409 when another product of the reseller has
 * it, in any case); should recording the product then fail, the claim made by this call is given back. The
 * product records the reseller's currency, asked of the organizations service at this moment: a reseller's
 * currency is fixed at its creation, and every money answer of the catalog is about a product.
 */
@Injectable()
export class CreateProductHandler {
  constructor(
    private readonly products: ProductRepository,
    private readonly rpc: RpcClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(request: CreateProductRequest, at = new Date()): Promise<ProductView> {
    const { actor, productId } = request;
    const resellerId = requireCatalogAdmin(actor);
    const reseller = await this.rpc.call(ResellerRpc.get, { actor, resellerId });
    const fields = {
      productId,
      resellerId,
      name: textInput('name', request.name),
      vendor: textInput('vendor', request.vendor),
      sku: normalizeSku(request.sku),
      description: request.description.trim(),
      billingFrequency: request.billingFrequency,
      price: moneyInput('price', request.price, reseller.currency),
      cost: moneyInput('cost', request.cost, reseller.currency),
    };
    const metadata = commandMetadata(actor, { resellerId });
    const claimed = await this.products.claimSku(resellerId, fields.sku, productId, 'create', at, metadata);
    try {
      const loaded = await this.products.load(productId);
      const state = await this.products.execute(actor, loaded, { type: 'CreateProduct', data: { ...fields, currency: reseller.currency }, actorId: actor.userId, at }, resellerId);
      return toProductView(state);
    } catch (error) {
      if (!claimed) throw error; // held before this call (a retry): not ours to give back
      await this.products.releaseSku(resellerId, fields.sku, productId, 'create', at, metadata).catch((releaseError: unknown) => {
        this.logger.error({ err: releaseError, productId, sku: fields.sku }, 'Could not release the SKU of a product that was not created');
      });
      throw error;
    }
  }
}
