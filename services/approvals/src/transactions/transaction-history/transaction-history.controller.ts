import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { TransactionHistoryRequest, TransactionRpc, type TransactionHistory } from '@broker/contracts';
import { mayDoWithTransactions, maySeeTransaction } from '../domain/transaction-access';
import { factsOf, isChainEvent } from '../domain/transaction.events';
import { TransactionForbiddenError, TransactionNotFoundError } from '../domain/transaction.errors';
import { TransactionRepository } from '../transaction.repository';
import { historyEntry } from './transaction-history';

/** The audit trail of one transaction, read from its stream in order. */
@Controller()
export class TransactionHistoryController {
  constructor(private readonly transactions: TransactionRepository) {}

  @RpcHandler(TransactionRpc.history)
  async history(@Payload() request: TransactionHistoryRequest): Promise<TransactionHistory> {
    const { actor, organizationId, transactionId } = request;
    const events = await this.transactions.events(transactionId);
    const first = events[0];
    const facts = first && !isChainEvent(first) ? factsOf(first) : null;
    if (!facts || facts.organizationId !== organizationId || !maySeeTransaction(actor, facts)) throw new TransactionNotFoundError(transactionId);
    if (!mayDoWithTransactions(actor, 'read')) throw new TransactionForbiddenError("read this organization's transactions");
    const started = events.find((event) => event.type === 'ApprovalChainStarted');
    const steps = started?.type === 'ApprovalChainStarted' ? started.data.steps : [];
    const items = events.map((event) => historyEntry(event, facts, steps)).filter((entry) => entry !== null);
    return { transactionId, items };
  }
}
