import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ApproveTransactionRequest, RejectTransactionRequest, TransactionRpc, type TransactionView } from '@broker/contracts';
import { DecideTransactionHandler } from './decide-transaction.handler';

@Controller()
export class DecideTransactionController {
  constructor(private readonly handler: DecideTransactionHandler) {}

  @RpcHandler(TransactionRpc.approve)
  approve(@Payload() request: ApproveTransactionRequest): Promise<TransactionView> {
    return this.handler.execute(request.actor, request.transactionId, { kind: 'approve', comment: request.comment ?? null }, request.decisionId);
  }

  @RpcHandler(TransactionRpc.reject)
  reject(@Payload() request: RejectTransactionRequest): Promise<TransactionView> {
    return this.handler.execute(request.actor, request.transactionId, { kind: 'reject', reason: request.reason }, request.decisionId);
  }
}
