import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { CreateProductRequest, ProductRpc, type ProductView } from '@broker/contracts';
import { CreateProductHandler } from './create-product.handler';

@Controller()
export class CreateProductController {
  constructor(private readonly handler: CreateProductHandler) {}

  @RpcHandler(ProductRpc.create)
  create(@Payload() request: CreateProductRequest): Promise<ProductView> {
    return this.handler.execute(request);
  }
}
