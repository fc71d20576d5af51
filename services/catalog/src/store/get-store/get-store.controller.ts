import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { GetStoreRequest, StoreRpc, type StoreView } from '@broker/contracts';
import { ORGANIZATION_READERS, OrganizationAccess } from '../../organization-access/organization-access';
import { StoreRepository } from '../store-repository';
import { storeVersion } from '../store-version';
import { toStoreView } from '../store.view';

/** The organization's store, from its stream and its products' streams: never the cost. */
@Controller()
export class GetStoreController {
  constructor(
    private readonly access: OrganizationAccess,
    private readonly stores: StoreRepository,
  ) {}

  @RpcHandler(StoreRpc.get)
  async get(@Payload() request: GetStoreRequest): Promise<StoreView> {
    await this.access.check(request.actor, request.organizationId, ORGANIZATION_READERS, 'read the e-store');
    const { state, revision } = await this.stores.loadWithRevision(request.organizationId);
    const products = await this.stores.productsWithRevisions(state.products.map((p) => p.productId));
    return { ...toStoreView(state, products.byId), version: storeVersion(revision, products.revisions) };
  }
}
