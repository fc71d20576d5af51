import { Inject, Injectable } from '@nestjs/common';
import { nameBasedId, type ActorDto } from '@broker/contracts';
import { WrongExpectedRevisionError, type EventMetadata, type EventStore, type EventToAppend, type StreamAppend } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { subscriptionLedgerStreamId, type SubscriptionLedgerEvent } from '../subscription-ledger/domain/subscription-ledger.events';
import { decideOnLedger, type LedgerSnapshot } from '../subscription-ledger/subscription-ledger.repository';
import { maySeeTransaction } from './domain/transaction-access';
import { transactionDecider, type ExistingTransaction, type TransactionCommand, type TransactionState } from './domain/transaction.decider';
import { asTransactionEvent, isChainEvent, transactionStreamId, type TransactionEvent, type TransactionStreamEvent } from './domain/transaction.events';
import { ConcurrentDecisionError, TransactionNotFoundError } from './domain/transaction.errors';

/** A command with what it was decided against: the subscription's ledger, when it touches one. */
export interface PreparedCommand {
  command: TransactionCommand;
  ledger: LedgerSnapshot | null;
}

/** How many times a write that lost a race reloads and decides again before giving up. */
const ATTEMPTS = 5;

/**
 * Transactions read from their streams (never from a read model): a read right after a write sees it. An approval is
 * written together with its subscription's ledger entry in one atomic append, so the two never disagree.
 */
@Injectable()
export class TransactionRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async events(transactionId: string): Promise<TransactionStreamEvent[]> {
    const recorded = await this.store.readStream(transactionStreamId(transactionId));
    return recorded.map(asTransactionEvent);
  }

  async load(transactionId: string): Promise<TransactionState> {
    return (await this.loadWithRevision(transactionId)).state;
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
   * Decides and appends with optimistic concurrency. `prepare` builds the command from the state of the world now
   * (it is called again after a lost race, so a decision is always made against what it will be written after).
   * Of concurrent decisions on one transaction exactly one is written; the others, decided again, find it decided
   * (ALREADY_DECIDED), or find their own decision when it is the same one repeated.
   */
  async execute(transactionId: string, prepare: () => Promise<PreparedCommand>, metadata: EventMetadata): Promise<ExistingTransaction> {
    for (let attempt = 1; ; attempt++) {
      const [{ state, revision }, { command, ledger }] = await Promise.all([this.loadWithRevision(transactionId), prepare()]);
      const newEvents = transactionDecider.decide(command, state);
      const newState = newEvents.reduce(transactionDecider.evolve, state);
      if (newState.status === 'none') throw new TransactionNotFoundError(transactionId);
      if (newEvents.length === 0) return newState;
      const appends: StreamAppend[] = [
        { streamId: transactionStreamId(transactionId), events: newEvents.map((event) => toAppend(event, transactionEventId(event), metadata)), expected: revision ?? 'no_stream' },
      ];
      const ledgerEvents = ledgerEventsFor(newEvents, ledger);
      if (ledger && ledgerEvents.length > 0) {
        appends.push({
          streamId: subscriptionLedgerStreamId(ledger.subscriptionId),
          events: ledgerEvents.map((event) => toAppend(event, ledgerEventId(event), metadata)),
          expected: ledger.revision ?? 'no_stream',
        });
      }
      try {
        await (appends.length === 1 ? this.store.appendToStream(appends[0]!.streamId, appends[0]!.events, appends[0]!.expected) : this.store.appendToStreams(appends));
        return newState;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt >= ATTEMPTS) throw new ConcurrentDecisionError(transactionId);
      }
    }
  }

  private async loadWithRevision(transactionId: string): Promise<{ state: TransactionState; revision: bigint | undefined }> {
    const recorded = await this.store.readStream(transactionStreamId(transactionId));
    const state = recorded.map(asTransactionEvent).reduce(transactionDecider.evolve, transactionDecider.initialState());
    return { state, revision: recorded.length > 0 ? recorded[recorded.length - 1]!.revision : undefined };
  }
}

/** An approval enters its subscription's ledger (after an adoption still to be written, if any). */
function ledgerEventsFor(newEvents: readonly TransactionStreamEvent[], ledger: LedgerSnapshot | null): SubscriptionLedgerEvent[] {
  const approved = newEvents.find((event): event is Extract<TransactionEvent, { type: 'TransactionApproved' }> => event.type === 'TransactionApproved');
  if (!ledger) {
    if (approved) throw new Error(`Approving transaction ${approved.data.transactionId} needs its subscription's ledger`);
    return [];
  }
  if (!approved) return ledger.pending;
  const d = approved.data;
  return decideOnLedger(ledger, {
    type: 'CommitTransaction',
    data: {
      subscriptionId: d.subscriptionId,
      resellerId: d.resellerId,
      organizationId: d.organizationId,
      productId: d.productId,
      transactionId: d.transactionId,
      transactionType: d.transactionType,
      sequence: d.subscriptionSequence,
      quantity: d.quantity,
      previousQuantity: d.previousQuantity,
      unitPrice: d.unitPrice,
      effectiveAt: d.effectiveAt,
    },
  }).pending;
}

/**
 * Event ids follow from what the events record, so the same write repeated (after a lost reply, or by two processes
 * running one retried request) is stored once: the request by the transaction, a decision by its deciding request.
 */
function transactionEventId(event: TransactionStreamEvent): string {
  const { transactionId } = event.data;
  // A chain's events happen once per step each (and the start and the end once): their kind and step name them.
  if (isChainEvent(event)) return nameBasedId(`approvals:transaction:${transactionId}:chain:${event.type}:${'stepIndex' in event.data ? event.data.stepIndex : ''}`);
  if (event.type === 'TransactionRequested') return nameBasedId(`approvals:transaction:${transactionId}:requested`);
  return nameBasedId(`approvals:transaction:${transactionId}:decision:${event.data.decisionId}`);
}

function ledgerEventId(event: SubscriptionLedgerEvent): string {
  if (event.type === 'SubscriptionLedgerAdopted') return nameBasedId(`approvals:ledger:${event.data.subscriptionId}:adopted`);
  return nameBasedId(`approvals:ledger:${event.data.subscriptionId}:transaction:${event.data.transactionId}`);
}

function toAppend(event: { type: string; data: object }, id: string, metadata: EventMetadata): EventToAppend {
  return { id, type: event.type, data: { ...event.data } as Record<string, unknown>, metadata: { ...metadata } };
}
