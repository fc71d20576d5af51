import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ListProductsRequest, ProductRpc, type Page, type ProductView } from '@broker/contracts';
import { projectionCollection, type DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE } from '@broker/runtime';
import { requireCatalogAdmin } from '../create-product/create-product.handler';
import { withAmountsInCurrency } from '../product.view';
import { productListProjection } from '../product-list/product-list.projection';

/** The caller's catalog, sorted by name: a read model (it may lag a write by a moment). */
@Controller()
export class ListProductsController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  @RpcHandler(ProductRpc.list)
  async list(@Payload() request: ListProductsRequest): Promise<Page<ProductView>> {
    const resellerId = requireCatalogAdmin(request.actor);
    const page = await this.documents.find<ProductView>(projectionCollection(productListProjection), {
      where: { resellerId },
      sort: { field: 'name', direction: 'asc' },
      limit: request.limit ?? 50,
      ...(request.cursor ? { cursor: request.cursor } : {}),
    });
    return { items: page.items.map((doc) => withAmountsInCurrency(doc.data)), nextCursor: page.nextCursor };
  }
}
