import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { CreateResellerRequest, ResellerRpc, type ResellerView } from '@broker/contracts';
import { CreateResellerHandler } from './create-reseller.handler';

@Controller()
export class CreateResellerController {
  constructor(private readonly handler: CreateResellerHandler) {}

  @RpcHandler(ResellerRpc.create)
  create(@Payload() request: CreateResellerRequest): Promise<ResellerView> {
    return this.handler.execute(request);
  }
}
