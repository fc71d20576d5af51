import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ActorDto, Quote, TransactionView } from '@broker/contracts';
import { commandMetadata } from '@broker/runtime';
import { SubscriptionLedgerRepository, type LedgerSnapshot } from '../../subscription-ledger/subscription-ledger.repository';
import { mayDoWithTransactions } from '../domain/transaction-access';
import type { StepActor } from '../../approval-chains/domain/chain-progress';
import type { OutOfOfficePeriod } from '../../approval-chains/domain/delegation';
import { OutOfOfficeRepository } from '../../out-of-office/out-of-office.repository';
import type { ExistingTransaction } from '../domain/transaction.decider';
import { ApprovalForbiddenError } from '../domain/transaction.errors';
import { CatalogQuotes } from '../shared/catalog-quotes';
import { adoptFromCatalog, subscriptionNow } from '../shared/subscription-now';
import { TransactionRepository, type PreparedCommand } from '../transaction.repository';
import { viewOfState } from '../shared/transaction.view';

export type Decision = { kind: 'approve'; comment: string | null } | { kind: 'reject'; reason: string };

/**
 * Approve or reject, by an admin of the transaction's reseller (another reseller's admin: not found; anyone else
 * who can see it: forbidden) or, for a transaction going through its organization's approval chain, by an approver
 * of the step it waits for (the requester never). Decided once: of concurrent decisions exactly one is appended, the others are refused
 * (APPROVAL.ALREADY_DECIDED, 409), except the same decision asked again (`decisionId`), which is answered.
 *
 * An approval enters the subscription's ledger in the same append: it is refused when another change of the
 * subscription was approved after the request was made (SUBSCRIPTION.CONFLICT, 409).
 */
@Injectable()
export class DecideTransactionHandler {
  constructor(
    private readonly transactions: TransactionRepository,
    private readonly ledgers: SubscriptionLedgerRepository,
    private readonly quotes: CatalogQuotes,
    private readonly outOfOffice: OutOfOfficeRepository,
  ) {}

  async execute(actor: ActorDto, transactionId: string, decision: Decision, decisionId: string = randomUUID(), clock: () => Date = () => new Date()): Promise<TransactionView> {
    const current = await this.transactions.loadVisible(actor, transactionId);
    // A transaction going through its organization's approval chain is decided step by step, each by the step's
    // approvers (the decider checks who); the others by the reseller's admins, as before chains.
    if (!current.chain && !mayDoWithTransactions(actor, 'decide')) throw new ApprovalForbiddenError();
    const step = current.chain ? { ...stepDecision(actor, current), outOfOffice: await this.outOfOffice.periodsOf(current.facts.organizationId) } : {};
    const { resellerId, organizationId } = current.facts;
    const metadata = commandMetadata(actor, { resellerId, organizationId });
    if (decision.kind === 'reject') {
      const state = await this.transactions.execute(
        transactionId,
        async () => ({ command: { type: 'RejectTransaction', data: { transactionId, decisionId, reason: decision.reason, ...step }, actorId: actor.userId, at: clock() }, ledger: null }),
        metadata,
      );
      return viewOfState(state);
    }
    const { quote, ledger } = await this.assignmentsQuote(actor, current);
    // The first attempt decides on the ledger read for the quote; an attempt after a lost race reads it again.
    let preloaded = ledger;
    const state = await this.transactions.execute(
      transactionId,
      async () => {
        const loaded = preloaded ?? (await this.ledgers.load(current.facts.subscriptionId));
        preloaded = null;
        return this.approval(actor, current, decisionId, decision.comment, quote, loaded, clock, step);
      },
      metadata,
    );
    return viewOfState(state);
  }

  private approval(
    actor: ActorDto,
    current: ExistingTransaction,
    decisionId: string,
    comment: string | null,
    quote: Quote | null,
    loaded: LedgerSnapshot,
    clock: () => Date,
    step: StepFields,
  ): PreparedCommand {
    const { transactionId, transactionType } = current.facts;
    const ledger = transactionType !== 'order' && loaded.state.status === 'none' && quote ? adoptFromCatalog(loaded, quote, clock()) : loaded;
    const subscription = transactionType === 'order' ? null : subscriptionNow(ledger, quote);
    return { command: { type: 'ApproveTransaction', data: { transactionId, decisionId, comment, subscription, ...step }, actorId: actor.userId, at: clock() }, ledger };
  }

  /**
   * Only a pending decrease can collide with users assigned since the request, and only a subscription from before
   * ledgers needs the catalog's view to be adopted: those ask the catalog, nothing else does.
   */
  private async assignmentsQuote(actor: ActorDto, current: ExistingTransaction): Promise<{ quote: Quote | null; ledger: LedgerSnapshot | null }> {
    const { transactionType, organizationId, subscriptionId, productId, quantity, previousQuantity } = current.facts;
    if (current.status !== 'pending_approval' || transactionType === 'order') return { quote: null, ledger: null };
    const ledger = await this.ledgers.load(subscriptionId);
    const decrease = transactionType === 'change' && quantity < previousQuantity;
    if (ledger.state.status !== 'none' && !decrease) return { quote: null, ledger };
    return { quote: await this.quotes.forSubscription(actor, organizationId, subscriptionId, productId), ledger };
  }
}

type StepFields = { actor: StepActor; stepIndex: number; outOfOffice?: readonly OutOfOfficePeriod[] } | Record<string, never>;

/**
 * For a chained transaction, who decides and the step they saw pending: every attempt of this request decides that
 * step, so one that lost a race to another decision finds it decided instead of deciding the next step.
 */
function stepDecision(actor: ActorDto, current: ExistingTransaction): StepFields {
  if (!current.chain) return {};
  return { actor: { userId: actor.userId, role: actor.role, resellerId: actor.resellerId, organizationId: actor.organizationId }, stepIndex: current.chain.current };
}
