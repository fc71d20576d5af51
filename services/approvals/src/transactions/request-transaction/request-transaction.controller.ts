import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { CancelSubscriptionRequest, ChangeQuantityRequest, OrderRequest, TransactionRpc, type TransactionReceipt } from '@broker/contracts';
import { RequestTransactionHandler } from './request-transaction.handler';

@Controller()
export class RequestTransactionController {
  constructor(private readonly handler: RequestTransactionHandler) {}

  @RpcHandler(TransactionRpc.order)
  order(@Payload() request: OrderRequest): Promise<TransactionReceipt> {
    const { actor, organizationId, transactionId, productId, quantity } = request;
    const costCentre = request.costCentre?.trim() || null;
    return this.handler.execute({ type: 'order', actor, organizationId, transactionId, productId, quantity, costCentre });
  }

  @RpcHandler(TransactionRpc.change)
  change(@Payload() request: ChangeQuantityRequest): Promise<TransactionReceipt> {
    const { actor, organizationId, transactionId, subscriptionId, quantity } = request;
    return this.handler.execute({ type: 'change', actor, organizationId, transactionId, subscriptionId, quantity });
  }

  @RpcHandler(TransactionRpc.cancel)
  cancel(@Payload() request: CancelSubscriptionRequest): Promise<TransactionReceipt> {
    const { actor, organizationId, transactionId, subscriptionId } = request;
    return this.handler.execute({ type: 'cancel', actor, organizationId, transactionId, subscriptionId });
  }
}
