import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateResellerRequest, ResellerRpc, type ResellerView } from '@broker/contracts';
import { CreateResellerHandler } from './create-reseller.handler';

@Controller()
export class CreateResellerController {
  constructor(private readonly handler: CreateResellerHandler) {}

  @MessagePattern(ResellerRpc.create)
  create(@Payload() request: CreateResellerRequest): Promise<ResellerView> {
    return this.handler.execute(request);
  }
}
