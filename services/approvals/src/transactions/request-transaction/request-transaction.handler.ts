import { Injectable } from '@nestjs/common';
import { nameBasedId, OrganizationUserRpc, readMoneyAmount, type ActorDto, type OrganizationLookup, type Quote, type TransactionReceipt } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { commandMetadata, OrganizationAccessClient } from '@broker/runtime';
import { ApprovalChainsRepository } from '../../approval-chains/approval-chains.repository';
import { rulesOf } from '../../approval-chains/domain/approval-chains.decider';
import { ApprovalPolicyRepository } from '../../approval-policy/approval-policy.repository';
import { OutOfOfficeRepository } from '../../out-of-office/out-of-office.repository';
import { BudgetsRepository } from '../../budgets/budgets.repository';
import { OrganizationSubscriptions } from '../../budgets/committed-spend/organization-subscriptions';
import { budgetVerdict, checkBudgets, type BudgetVerdict } from '../../budgets/domain/budget-check';
import { budgetsOf } from '../../budgets/domain/budgets.decider';
import { policyOf, type ApprovalPolicy } from '../../approval-policy/domain/approval-policy.decider';
import { subscriptionLedgerDecider } from '../../subscription-ledger/domain/subscription-ledger.decider';
import { SubscriptionLedgerRepository, type LedgerSnapshot } from '../../subscription-ledger/subscription-ledger.repository';
import type { TransactionType } from '../domain/annual-value';
import type { PolicyInForce } from '../domain/approval-rule';
import { isResellerStaff, TRANSACTION_PERMISSIONS } from '../domain/transaction-access';
import { isSameRequest, type SubscriptionNow, type TransactionRequest } from '../domain/transaction.decider';
import { SubscriptionNotFoundError, TransactionForbiddenError, TransactionIdReusedError } from '../domain/transaction.errors';
import { CatalogQuotes } from '../shared/catalog-quotes';
import { adoptFromCatalog, subscriptionNow } from '../shared/subscription-now';
import { TransactionRepository } from '../transaction.repository';
import { toReceipt } from '../shared/transaction.view';

export type TransactionAsked =
  | { type: 'order'; actor: ActorDto; organizationId: string; transactionId: string; productId: string; quantity: number; costCentre?: string | null }
  | { type: 'change'; actor: ActorDto; organizationId: string; transactionId: string; subscriptionId: string; quantity: number }
  | { type: 'cancel'; actor: ActorDto; organizationId: string; transactionId: string; subscriptionId: string };

/** The policy with its limit in minor units of `currency` (the reseller's, which the quoted price is in). */
export function policyInForce(policy: ApprovalPolicy, currency?: string): PolicyInForce {
  const limit = readMoneyAmount(policy.dynamicApproval.annualLimit, currency);
  return { approvalRequired: policy.approvalRequired, dynamicApproval: { enabled: policy.dynamicApproval.enabled, annualLimitCents: limit } };
}

/** The id the subscription of a new order gets: it follows from the order, so a repeated order names the same one. */
export const subscriptionIdOfOrder = (transactionId: string): string => nameBasedId(`approvals:subscription-of:${transactionId}`);

/**
 * Orders, quantity changes and cancellations. Everything the decision rests on is taken at the moment of the
 * request, in this order: the tenant (organizations), the price (catalog), where the subscription stands (its ledger
 * in this service: what has been approved so far, in order), the approval policy and the organization's approval
 * chains (this service's own streams, so a change made a moment ago is in force), then the clock. An order naming no
 * cost centre takes its requester's (identity), see costCentreOf.
 *
 * The transaction id is the request's identity: asked again with the same id (a client's retry), the request is
 * answered as recorded, not made twice; asked with the same id for something else, it is refused.
 */
@Injectable()
export class RequestTransactionHandler {
  constructor(
    private readonly organizations: OrganizationAccessClient,
    private readonly quotes: CatalogQuotes,
    private readonly policies: ApprovalPolicyRepository,
    private readonly chains: ApprovalChainsRepository,
    private readonly outOfOffice: OutOfOfficeRepository,
    private readonly ledgers: SubscriptionLedgerRepository,
    private readonly transactions: TransactionRepository,
    private readonly budgets: BudgetsRepository,
    private readonly subscriptions: OrganizationSubscriptions,
    private readonly rpc: RpcClient,
  ) {}

  async execute(asked: TransactionAsked, clock: () => Date = () => new Date()): Promise<TransactionReceipt> {
    const { actor, organizationId, transactionId } = asked;
    const recorded = await this.transactions.load(transactionId);
    if (recorded.status !== 'none') {
      if (!isSameRequest(recorded.facts, askedAsRequest(asked), actor.userId)) throw new TransactionIdReusedError(transactionId);
      return toReceipt(recorded);
    }

    const organization = await this.organizations.check(actor, organizationId, {
      roles: TRANSACTION_PERMISSIONS.request,
      forbidden: () => new TransactionForbiddenError('order, change or cancel subscriptions'),
    });

    const orderCostCentre = asked.type === 'order' ? await this.costCentreOf(asked) : null;
    const target = asked.type === 'order' ? await this.newSubscription(asked) : await this.existingSubscription(asked);
    const { currency } = target.quote;
    const unitPriceCents = readMoneyAmount(target.quote.unitPrice, currency);
    const policy = policyInForce(policyOf(await this.policies.load(organizationId)), currency);
    const chainRules = rulesOf(await this.chains.load(organizationId), currency);
    const outOfOffice = chainRules.length > 0 ? await this.outOfOffice.periodsOf(organizationId) : [];
    const budget = await this.budgetOn(asked, orderCostCentre, target, clock());
    const metadata = commandMetadata(actor, { resellerId: organization.resellerId, organizationId });

    const state = await this.transactions.execute(
      transactionId,
      async () => {
        // Decided against the ledger as it is now: a change approved by another request a moment ago counts. The
        // first attempt uses the ledger read for the quote; an attempt after a lost race reads it again.
        const loaded = target.ledger ?? (await this.ledgers.load(target.subscriptionId));
        target.ledger = null;
        const ledger = asked.type === 'order' ? loaded : adoptFromCatalog(loaded, target.quote, clock());
        const request: TransactionRequest = {
          transactionId,
          resellerId: organization.resellerId,
          organizationId,
          organizationName: organization.name,
          transactionType: asked.type as TransactionType,
          productId: target.quote.productId,
          productName: target.quote.productName,
          subscriptionId: target.subscriptionId,
          quantity: asked.type === 'cancel' ? 0 : asked.quantity,
          subscription: asked.type === 'order' ? null : this.requireOwn(ledger, organization, target.quote),
          unitPriceCents,
          billingFrequency: target.quote.billingFrequency,
          currency,
          policy,
          requestedByResellerStaff: isResellerStaff(actor),
          chainRules,
          outOfOffice,
          ...(orderCostCentre ? { costCentre: orderCostCentre } : {}),
          ...(budget ? { budget } : {}),
        };
        return { command: { type: 'RequestTransaction', data: request, actorId: actor.userId, at: clock() }, ledger };
      },
      metadata,
    );
    return toReceipt(state);
  }

  /**
   * The organization's budgets on an order or change, as the request would take effect now: committed spend from the
   * subscriptions approved so far (a read model, so an approval of the last moment may not count yet). A
   * cancellation only lowers spend: no budget stops it.
   */
  private async budgetOn(asked: TransactionAsked, orderCostCentre: string | null, target: Target, at: Date): Promise<BudgetVerdict | undefined> {
    if (asked.type === 'cancel') return undefined;
    const { state } = await this.budgets.load(asked.organizationId);
    const { currency } = target.quote;
    const budgets = budgetsOf(state, currency);
    if (budgets.length === 0) return undefined;
    const subscriptions = await this.subscriptions.of(asked.organizationId);
    const existing = subscriptions.find((s) => s.subscriptionId === target.subscriptionId);
    const costCentre = asked.type === 'order' ? orderCostCentre : (existing?.costCentre ?? null);
    const { productId, productName, unitPrice, billingFrequency } = target.quote;
    const change = { at: at.toISOString(), kind: asked.type === 'order' ? ('activated' as const) : ('changed' as const), quantity: asked.quantity, unitPrice, unitCost: '0', billingFrequency };
    const check = checkBudgets(budgets, subscriptions, { subscriptionId: target.subscriptionId, productId, productName, costCentre, currency, change }, at);
    return budgetVerdict(check, currency);
  }

  /**
   * The order's cost centre: the one it names, or else its requester's label. Identity is asked (one call, the user's
   * own view, which every organization role may read) only when the order names none, and then whether or not the
   * organization has budgets now: the subscription keeps the label, so a cost centre's budget set later counts it.
   * Only an organization's own users carry a label: reseller staff ordering for an organization add none.
   */
  private async costCentreOf(asked: Extract<TransactionAsked, { type: 'order' }>): Promise<string | null> {
    if (asked.costCentre) return asked.costCentre;
    const { actor, organizationId } = asked;
    if (isResellerStaff(actor) || actor.organizationId !== organizationId) return null;
    const requester = await this.rpc.call(OrganizationUserRpc.get, { actor, organizationId, userId: actor.userId });
    return requester.costCentre ?? null; // an identity from before labels answers without one
  }

  /** A new order's subscription has no ledger yet (were it written, the order's own stream would exist too). */
  private async newSubscription(asked: Extract<TransactionAsked, { type: 'order' }>): Promise<Target> {
    const quote = await this.quotes.forProduct(asked.actor, asked.organizationId, asked.productId);
    const subscriptionId = subscriptionIdOfOrder(asked.transactionId);
    return { quote, subscriptionId, ledger: { subscriptionId, state: subscriptionLedgerDecider.initialState(), revision: undefined, pending: [] } };
  }

  /**
   * The subscription's price now. Its ledger names its product, so one approved a moment ago is priced before the
   * catalog has it; a subscription from before ledgers existed is priced (and later adopted) from the catalog's view.
   */
  private async existingSubscription(asked: Exclude<TransactionAsked, { type: 'order' }>): Promise<Target> {
    const { actor, organizationId, subscriptionId } = asked;
    const ledger = await this.ledgers.load(subscriptionId);
    if (ledger.state.status !== 'none' && ledger.state.organizationId !== organizationId) throw new SubscriptionNotFoundError(subscriptionId);
    const productId = ledger.state.status === 'none' ? undefined : ledger.state.productId;
    return { quote: await this.quotes.forSubscription(actor, organizationId, subscriptionId, productId), subscriptionId, ledger };
  }

  private requireOwn(ledger: LedgerSnapshot, organization: OrganizationLookup, quote: Quote): SubscriptionNow {
    const now = subscriptionNow(ledger, quote);
    if (!now || ledger.state.status === 'none' || ledger.state.organizationId !== organization.organizationId) throw new SubscriptionNotFoundError(ledger.subscriptionId);
    return now;
  }
}

/** What a request is about: the price quoted now, the subscription, and its ledger as read (until a retry reads it again). */
interface Target {
  quote: Quote;
  subscriptionId: string;
  ledger: LedgerSnapshot | null;
}

function askedAsRequest(asked: TransactionAsked): Pick<TransactionRequest, 'transactionType' | 'organizationId' | 'productId' | 'subscriptionId' | 'quantity'> {
  switch (asked.type) {
    case 'order':
      return { transactionType: 'order', organizationId: asked.organizationId, productId: asked.productId, subscriptionId: '', quantity: asked.quantity };
    case 'change':
      return { transactionType: 'change', organizationId: asked.organizationId, productId: '', subscriptionId: asked.subscriptionId, quantity: asked.quantity };
    case 'cancel':
      return { transactionType: 'cancel', organizationId: asked.organizationId, productId: '', subscriptionId: asked.subscriptionId, quantity: 0 };
  }
}
