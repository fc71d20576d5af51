import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetStoreRequest, StoreRpc, type StoreView } from '@broker/contracts';
import { ORGANIZATION_READERS, OrganizationAccess } from '../../organization-access/organization-access';
import { StoreRepository } from '../store-repository';
import { toStoreView } from '../store.view';

/** The organization's store, from its stream and its products' streams: never the cost. */
@Controller()
export class GetStoreController {
  constructor(
    private readonly access: OrganizationAccess,
    private readonly stores: StoreRepository,
  ) {}

  @MessagePattern(StoreRpc.get)
  async get(@Payload() request: GetStoreRequest): Promise<StoreView> {
    await this.access.check(request.actor, request.organizationId, ORGANIZATION_READERS, 'read the e-store');
    const state = await this.stores.load(request.organizationId);
    return toStoreView(state, await this.stores.productsByIds(state.products.map((p) => p.productId)));
  }
}
