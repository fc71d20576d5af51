import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { SetAssignmentsRequest, SubscriptionRpc, type VersionedSubscriptionView } from '@broker/contracts';
import { SetAssignmentsHandler } from './set-assignments.handler';

@Controller()
export class SetAssignmentsController {
  constructor(private readonly handler: SetAssignmentsHandler) {}

  @RpcHandler(SubscriptionRpc.setAssignments)
  set(@Payload() request: SetAssignmentsRequest): Promise<VersionedSubscriptionView> {
    return this.handler.execute(request);
  }
}
