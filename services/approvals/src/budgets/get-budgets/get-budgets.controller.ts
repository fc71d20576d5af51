import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BudgetsRpc, GetBudgetsRequest, type BudgetsView } from '@broker/contracts';
import { RpcHandler } from '@broker/messaging';
import { ChangeBudgetsHandler } from '../change-budgets/change-budgets.handler';

@Controller()
export class GetBudgetsController {
  constructor(private readonly handler: ChangeBudgetsHandler) {}

  @RpcHandler(BudgetsRpc.get)
  get(@Payload() request: GetBudgetsRequest): Promise<BudgetsView> {
    return this.handler.get(request);
  }
}
