import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ProductRequest, ProductRpc, type ProductView } from '@broker/contracts';
import { requireCatalogAdmin } from '../create-product/create-product.handler';
import { ProductRepository } from '../product.repository';
import { toProductView } from '../product.view';

/** One product of the caller's catalog, from its stream (a read right after a write sees it). */
@Controller()
export class GetProductController {
  constructor(private readonly products: ProductRepository) {}

  @RpcHandler(ProductRpc.get)
  async get(@Payload() request: ProductRequest): Promise<ProductView> {
    const { product } = await this.products.loadOfReseller(requireCatalogAdmin(request.actor), request.productId);
    return toProductView(product);
  }
}
