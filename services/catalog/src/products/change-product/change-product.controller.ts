import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ChangeProductRequest, ProductRpc, type ProductView } from '@broker/contracts';
import { ChangeProductHandler } from './change-product.handler';

@Controller()
export class ChangeProductController {
  constructor(private readonly handler: ChangeProductHandler) {}

  @MessagePattern(ProductRpc.change)
  change(@Payload() request: ChangeProductRequest): Promise<ProductView> {
    return this.handler.execute(request);
  }
}
