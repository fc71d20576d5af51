import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ApprovalPolicyRpc, SetApprovalPolicyRequest, type ApprovalPolicyView } from '@broker/contracts';
import { SetApprovalPolicyHandler } from './set-approval-policy.handler';

@Controller()
export class SetApprovalPolicyController {
  constructor(private readonly handler: SetApprovalPolicyHandler) {}

  @RpcHandler(ApprovalPolicyRpc.set)
  set(@Payload() request: SetApprovalPolicyRequest): Promise<ApprovalPolicyView> {
    return this.handler.execute(request);
  }
}
