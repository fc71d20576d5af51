import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ApproveTransactionRequest, RejectTransactionRequest, TransactionRpc, type TransactionView } from '@broker/contracts';
import { DecideTransactionHandler } from './decide-transaction.handler';

@Controller()
export class DecideTransactionController {
  constructor(private readonly handler: DecideTransactionHandler) {}

  @MessagePattern(TransactionRpc.approve)
  approve(@Payload() request: ApproveTransactionRequest): Promise<TransactionView> {
    return this.handler.execute(request.actor, request.transactionId, { kind: 'approve', comment: request.comment ?? null }, request.decisionId);
  }

  @MessagePattern(TransactionRpc.reject)
  reject(@Payload() request: RejectTransactionRequest): Promise<TransactionView> {
    return this.handler.execute(request.actor, request.transactionId, { kind: 'reject', reason: request.reason }, request.decisionId);
  }
}
