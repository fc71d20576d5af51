import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateSupportRequestRequest, SupportRequestRpc, type SupportRequestCreated } from '@broker/contracts';
import { CreateSupportRequestHandler } from './create-support-request.handler';

@Controller()
export class CreateSupportRequestController {
  constructor(private readonly handler: CreateSupportRequestHandler) {}

  @MessagePattern(SupportRequestRpc.create)
  create(@Payload() request: CreateSupportRequestRequest): Promise<SupportRequestCreated> {
    return this.handler.execute(request);
  }
}
