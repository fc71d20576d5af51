import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ApprovalChainsRpc, ClearApprovalChainsRequest, SetApprovalChainsRequest, type ApprovalChainsView } from '@broker/contracts';
import { RpcHandler } from '@broker/messaging';
import { ChangeApprovalChainsHandler } from './change-approval-chains.handler';

@Controller()
export class ChangeApprovalChainsController {
  constructor(private readonly handler: ChangeApprovalChainsHandler) {}

  @RpcHandler(ApprovalChainsRpc.set)
  set(@Payload() request: SetApprovalChainsRequest): Promise<ApprovalChainsView> {
    return this.handler.set(request);
  }

  @RpcHandler(ApprovalChainsRpc.clear)
  clear(@Payload() request: ClearApprovalChainsRequest): Promise<ApprovalChainsView> {
    return this.handler.clear(request);
  }
}
