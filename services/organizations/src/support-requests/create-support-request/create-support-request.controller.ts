import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { CreateSupportRequestRequest, SupportRequestRpc, type SupportRequestCreated } from '@broker/contracts';
import { CreateSupportRequestHandler } from './create-support-request.handler';

@Controller()
export class CreateSupportRequestController {
  constructor(private readonly handler: CreateSupportRequestHandler) {}

  @RpcHandler(SupportRequestRpc.create)
  create(@Payload() request: CreateSupportRequestRequest): Promise<SupportRequestCreated> {
    return this.handler.execute(request);
  }
}
