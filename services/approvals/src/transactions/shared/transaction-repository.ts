import { Inject, Injectable } from '@nestjs/common';
import type { ActorDto } from '@broker/contracts';
import { handleCommand, WrongExpectedRevisionError, type EventMetadata, type EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { maySeeTransaction } from '../domain/transaction-access';
import { transactionDecider, type ExistingTransaction, type TransactionCommand, type TransactionState } from '../domain/transaction.decider';
import { asTransactionEvent, transactionStreamId, type TransactionEvent } from '../domain/transaction.events';
import { ConcurrentDecisionError, TransactionAlreadyExistsError, TransactionNotFoundError } from '../domain/transaction.errors';

/** Transactions read from their streams (never from a read model): a read right after a write sees it. */
@Injectable()
export class TransactionRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async events(transactionId: string): Promise<TransactionEvent[]> {
    const recorded = await this.store.readStream(transactionStreamId(transactionId));
    return recorded.map(asTransactionEvent);
  }

  async load(transactionId: string): Promise<TransactionState> {
    return (await this.events(transactionId)).reduce(transactionDecider.evolve, transactionDecider.initialState());
  }

  /**
   * The transaction as the actor may know it: "not found" when it is missing, belongs to another tenant, or (when
   * given) to another organization than the one in the path. Roles are the caller's to check afterwards.
   */
  async loadVisible(actor: ActorDto, transactionId: string, organizationId?: string): Promise<ExistingTransaction> {
    const state = await this.load(transactionId);
    if (state.status === 'none' || !maySeeTransaction(actor, state.facts)) throw new TransactionNotFoundError(transactionId);
    if (organizationId !== undefined && state.facts.organizationId !== organizationId) throw new TransactionNotFoundError(transactionId);
    return state;
  }

  /**
   * Decides and appends with optimistic concurrency and no retry: of two commands on one transaction at the same
   * moment, one wins and the other is refused (a new transaction: ALREADY_EXISTS; a decision: APPROVAL.CONFLICT).
   */
  async execute(command: TransactionCommand, metadata: EventMetadata): Promise<ExistingTransaction> {
    const transactionId = command.data.transactionId;
    try {
      const result = await handleCommand(this.store, transactionStreamId(transactionId), transactionDecider, command, { metadata });
      if (result.newState.status === 'none') throw new TransactionNotFoundError(transactionId);
      return result.newState;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      throw command.type === 'RequestTransaction' ? new TransactionAlreadyExistsError(transactionId) : new ConcurrentDecisionError(transactionId);
    }
  }
}
