import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ListResellersRequest, ResellerRpc, type Page, type ResellerView } from '@broker/contracts';
import { DomainError } from '@broker/event-sourcing';
import { projectionCollection, type DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE } from '@broker/runtime';
import { resellerListProjection } from '../reseller-list/reseller-list.projection';

@Controller()
export class ListResellersController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  @RpcHandler(ResellerRpc.list)
  async list(@Payload() request: ListResellersRequest): Promise<Page<ResellerView>> {
    if (request.actor.role !== 'platform_admin') throw new DomainError('RESELLER.FORBIDDEN', 'Only a platform admin may list resellers');
    const page = await this.documents.find<ResellerView>(projectionCollection(resellerListProjection), {
      sort: { field: 'createdAt', direction: 'desc' },
      limit: request.limit ?? 50,
      ...(request.cursor ? { cursor: request.cursor } : {}),
    });
    return { items: page.items.map((doc) => doc.data), nextCursor: page.nextCursor };
  }
}
