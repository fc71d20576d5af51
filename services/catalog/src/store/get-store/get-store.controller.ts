import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { GetStoreRequest, StoreRpc, type StoreView } from '@broker/contracts';
import { OrganizationAccessClient } from '@broker/runtime';
import { STORE_READERS } from '../store-access';
import { StoreRepository } from '../store.repository';
import { storeVersion } from '../store-version';
import { toStoreView } from '../store.view';

/** The organization's store, from its stream and its products' streams: never the cost. */
@Controller()
export class GetStoreController {
  constructor(
    private readonly organizations: OrganizationAccessClient,
    private readonly stores: StoreRepository,
  ) {}

  @RpcHandler(StoreRpc.get)
  async get(@Payload() request: GetStoreRequest): Promise<StoreView> {
    await this.organizations.authorize(request.actor, request.organizationId, STORE_READERS);
    const { state, revision } = await this.stores.loadWithRevision(request.organizationId);
    const products = await this.stores.productsWithRevisions(state.products.map((p) => p.productId));
    return { ...toStoreView(state, products.byId), version: storeVersion(revision, products.revisions) };
  }
}
