import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BudgetsRpc, RemoveBudgetRequest, SetBudgetRequest, type BudgetsView } from '@broker/contracts';
import { RpcHandler } from '@broker/messaging';
import { ChangeBudgetsHandler } from './change-budgets.handler';

@Controller()
export class ChangeBudgetsController {
  constructor(private readonly handler: ChangeBudgetsHandler) {}

  @RpcHandler(BudgetsRpc.set)
  set(@Payload() request: SetBudgetRequest): Promise<BudgetsView> {
    return this.handler.set(request);
  }

  @RpcHandler(BudgetsRpc.remove)
  remove(@Payload() request: RemoveBudgetRequest): Promise<BudgetsView> {
    return this.handler.remove(request);
  }
}
