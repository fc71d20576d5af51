import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { TransactionRpc, WithdrawTransactionRequest, type TransactionView } from '@broker/contracts';
import { WithdrawTransactionHandler } from './withdraw-transaction.handler';

@Controller()
export class WithdrawTransactionController {
  constructor(private readonly handler: WithdrawTransactionHandler) {}

  @RpcHandler(TransactionRpc.withdraw)
  withdraw(@Payload() request: WithdrawTransactionRequest): Promise<TransactionView> {
    return this.handler.execute(request);
  }
}
