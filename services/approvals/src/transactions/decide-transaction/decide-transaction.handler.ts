import { Injectable } from '@nestjs/common';
import type { ActorDto, TransactionView } from '@broker/contracts';
import { commandMetadata } from '@broker/runtime';
import { mayDoWithTransactions } from '../domain/transaction-access';
import type { ExistingTransaction, SubscriptionNow } from '../domain/transaction.decider';
import { ApprovalForbiddenError } from '../domain/transaction.errors';
import { CatalogQuotes, SubscriptionNotFoundError } from '../shared/catalog-quotes';
import { TransactionRepository } from '../shared/transaction-repository';
import { viewOfState } from '../shared/transaction.view';

export type Decision = { kind: 'approve'; comment: string | null } | { kind: 'reject'; reason: string };

/**
 * Approve or reject, by an admin of the transaction's reseller (another reseller's admin: not found; anyone else
 * who can see it: forbidden). Decided once: of concurrent decisions exactly one is appended, the others are
 * refused (APPROVAL.CONFLICT or APPROVAL.ALREADY_DECIDED, both 409).
 */
@Injectable()
export class DecideTransactionHandler {
  constructor(
    private readonly transactions: TransactionRepository,
    private readonly quotes: CatalogQuotes,
  ) {}

  async execute(actor: ActorDto, transactionId: string, decision: Decision, clock: () => Date = () => new Date()): Promise<TransactionView> {
    const current = await this.transactions.loadVisible(actor, transactionId);
    if (!mayDoWithTransactions(actor, 'decide')) throw new ApprovalForbiddenError();
    const { resellerId, organizationId } = current.facts;
    const metadata = commandMetadata(actor, { resellerId, organizationId });
    if (decision.kind === 'reject') {
      const state = await this.transactions.execute({ type: 'RejectTransaction', data: { transactionId, reason: decision.reason }, actorId: actor.userId, at: clock() }, metadata);
      return viewOfState(state);
    }
    const subscription = await this.subscriptionNow(actor, current);
    const state = await this.transactions.execute({ type: 'ApproveTransaction', data: { transactionId, comment: decision.comment, subscription }, actorId: actor.userId, at: clock() }, metadata);
    return viewOfState(state);
  }

  /** For a pending change or cancellation: where its subscription stands now (users may have been assigned since). */
  private async subscriptionNow(actor: ActorDto, current: ExistingTransaction): Promise<SubscriptionNow | null> {
    const { transactionType, organizationId, subscriptionId } = current.facts;
    if (current.status !== 'pending_approval' || transactionType === 'order') return null;
    try {
      const { quantity, assignedCount, status } = (await this.quotes.forSubscription(actor, organizationId, subscriptionId)).subscription;
      return { quantity, assignedCount, status };
    } catch (error) {
      if (error instanceof SubscriptionNotFoundError) return null;
      throw error;
    }
  }
}
