import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SetAssignmentsRequest, SubscriptionRpc, type VersionedSubscriptionView } from '@broker/contracts';
import { SetAssignmentsHandler } from './set-assignments.handler';

@Controller()
export class SetAssignmentsController {
  constructor(private readonly handler: SetAssignmentsHandler) {}

  @MessagePattern(SubscriptionRpc.setAssignments)
  set(@Payload() request: SetAssignmentsRequest): Promise<VersionedSubscriptionView> {
    return this.handler.execute(request);
  }
}
