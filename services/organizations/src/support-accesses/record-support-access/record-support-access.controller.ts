import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { RecordSupportAccessRequest, SupportAccessRpc } from '@broker/contracts';
import { RecordSupportAccessHandler } from './record-support-access.handler';

@Controller()
export class RecordSupportAccessController {
  constructor(private readonly handler: RecordSupportAccessHandler) {}

  @RpcHandler(SupportAccessRpc.record)
  async record(@Payload() request: RecordSupportAccessRequest): Promise<{ recorded: true }> {
    await this.handler.execute(request);
    return { recorded: true };
  }
}
