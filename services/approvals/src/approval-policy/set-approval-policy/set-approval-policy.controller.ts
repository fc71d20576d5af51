import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ApprovalPolicyRpc, SetApprovalPolicyRequest, type ApprovalPolicyView } from '@broker/contracts';
import { SetApprovalPolicyHandler } from './set-approval-policy.handler';

@Controller()
export class SetApprovalPolicyController {
  constructor(private readonly handler: SetApprovalPolicyHandler) {}

  @MessagePattern(ApprovalPolicyRpc.set)
  set(@Payload() request: SetApprovalPolicyRequest): Promise<ApprovalPolicyView> {
    return this.handler.execute(request);
  }
}
