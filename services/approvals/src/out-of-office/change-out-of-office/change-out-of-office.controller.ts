import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OutOfOfficeRpc, OwnOutOfOfficeRequest, SetOutOfOfficeRequest, type OutOfOfficeView } from '@broker/contracts';
import { RpcHandler } from '@broker/messaging';
import { ChangeOutOfOfficeHandler } from './change-out-of-office.handler';

@Controller()
export class ChangeOutOfOfficeController {
  constructor(private readonly handler: ChangeOutOfOfficeHandler) {}

  @RpcHandler(OutOfOfficeRpc.get)
  get(@Payload() request: OwnOutOfOfficeRequest): Promise<OutOfOfficeView> {
    return this.handler.get(request);
  }

  @RpcHandler(OutOfOfficeRpc.set)
  set(@Payload() request: SetOutOfOfficeRequest): Promise<OutOfOfficeView> {
    return this.handler.set(request);
  }

  @RpcHandler(OutOfOfficeRpc.clear)
  clear(@Payload() request: OwnOutOfOfficeRequest): Promise<OutOfOfficeView> {
    return this.handler.clear(request);
  }
}
