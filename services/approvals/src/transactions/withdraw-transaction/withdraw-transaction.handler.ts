import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { TransactionView, WithdrawTransactionRequest } from '@broker/contracts';
import { commandMetadata } from '@broker/runtime';
import { mayDoWithTransactions } from '../domain/transaction-access';
import { TransactionForbiddenError } from '../domain/transaction.errors';
import { TransactionRepository } from '../transaction.repository';
import { viewOfState } from '../shared/transaction.view';

/** The requester takes back a pending request (anyone else who can see it: forbidden); asked again, it is answered. */
@Injectable()
export class WithdrawTransactionHandler {
  constructor(private readonly transactions: TransactionRepository) {}

  async execute(request: WithdrawTransactionRequest, clock: () => Date = () => new Date()): Promise<TransactionView> {
    const { actor, organizationId, transactionId } = request;
    const decisionId = request.decisionId ?? randomUUID();
    const current = await this.transactions.loadVisible(actor, transactionId, organizationId);
    if (!mayDoWithTransactions(actor, 'withdraw')) throw new TransactionForbiddenError('withdraw transactions');
    const state = await this.transactions.execute(
      transactionId,
      async () => ({ command: { type: 'WithdrawTransaction', data: { transactionId, decisionId }, actorId: actor.userId, at: clock() }, ledger: null }),
      commandMetadata(actor, { resellerId: current.facts.resellerId, organizationId }),
    );
    return viewOfState(state);
  }
}
