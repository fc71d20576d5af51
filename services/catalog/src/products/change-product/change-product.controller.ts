import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ChangeProductRequest, ProductRpc, type ProductView } from '@broker/contracts';
import { ChangeProductHandler } from './change-product.handler';

@Controller()
export class ChangeProductController {
  constructor(private readonly handler: ChangeProductHandler) {}

  @RpcHandler(ProductRpc.change)
  change(@Payload() request: ChangeProductRequest): Promise<ProductView> {
    return this.handler.execute(request);
  }
}
