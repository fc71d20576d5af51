import { formatCents, MAX_TRANSACTION_QUANTITY } from '@broker/contracts';
import type { Decider } from '@broker/event-sourcing';
import { annualValueCents, type BillingFrequency, type TransactionType } from './annual-value';
import { approvalRule, type PolicyInForce } from './approval-rule';
import { DECIDED_BY_POLICY, factsOf, type TransactionEvent, type TransactionFacts } from './transaction.events';
import {
  AlreadyDecidedError,
  InvalidTransactionError,
  NotRequesterError,
  OwnRequestError,
  ReasonRequiredError,
  SubscriptionAlreadyCancelledError,
  SubscriptionChangedError,
  TransactionAlreadyExistsError,
  TransactionNotFoundError,
} from './transaction.errors';

/** Where a subscription stands, as the catalog quotes it at the moment of a command. */
export interface SubscriptionNow {
  quantity: number;
  assignedCount: number;
  status: 'active' | 'cancelled';
}

export interface TransactionRequest {
  transactionId: string;
  resellerId: string;
  organizationId: string;
  organizationName: string;
  transactionType: TransactionType;
  productId: string;
  productName: string;
  /** For an order, the id the new subscription will have; otherwise the subscription it concerns. */
  subscriptionId: string;
  /** The quantity asked for; ignored for a cancellation (which sets 0). */
  quantity: number;
  /** The subscription a change or cancellation concerns; null for an order. */
  subscription: SubscriptionNow | null;
  unitPriceCents: bigint;
  billingFrequency: BillingFrequency;
  currency: string;
  policy: PolicyInForce;
  requestedByResellerStaff: boolean;
}

export type TransactionCommand =
  | { type: 'RequestTransaction'; data: TransactionRequest; actorId: string; at: Date }
  | {
      type: 'ApproveTransaction';
      /** `subscription`: where the subscription of a change or cancellation stands now (null when not asked). */
      data: { transactionId: string; comment: string | null; subscription: SubscriptionNow | null };
      actorId: string;
      at: Date;
    }
  | { type: 'RejectTransaction'; data: { transactionId: string; reason: string }; actorId: string; at: Date }
  | { type: 'WithdrawTransaction'; data: { transactionId: string }; actorId: string; at: Date };

export type TransactionStatus = 'pending_approval' | 'approved' | 'rejected' | 'withdrawn';

/** How a transaction was closed: decided (approved/rejected) or withdrawn by its requester. */
export interface TransactionOutcome {
  by: string;
  at: string;
  comment: string | null;
  reason: string | null;
  byPolicy: TransactionFacts['appliedPolicy'] | null;
}

export type TransactionState = { status: 'none' } | { status: TransactionStatus; facts: TransactionFacts; outcome: TransactionOutcome | null };

export type ExistingTransaction = Extract<TransactionState, { facts: TransactionFacts }>;

export const transactionDecider: Decider<TransactionCommand, TransactionEvent, TransactionState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    const at = command.at.toISOString();
    switch (command.type) {
      case 'RequestTransaction': {
        if (state.status !== 'none') throw new TransactionAlreadyExistsError(command.data.transactionId);
        const { unitPriceCents, policy, requestedByResellerStaff, subscription, ...request } = command.data;
        const quantity = quantityAfter(command.data);
        const previousQuantity = subscription?.quantity ?? 0;
        const annualValue = annualValueCents({ type: request.transactionType, unitPriceCents, quantity, previousQuantity, billingFrequency: request.billingFrequency });
        const rule = approvalRule(policy, annualValue, requestedByResellerStaff);
        const facts: TransactionFacts = {
          transactionId: request.transactionId,
          resellerId: request.resellerId,
          organizationId: request.organizationId,
          organizationName: request.organizationName,
          transactionType: request.transactionType,
          productId: request.productId,
          productName: request.productName,
          subscriptionId: request.subscriptionId,
          quantity,
          previousQuantity,
          unitPrice: formatCents(unitPriceCents),
          billingFrequency: request.billingFrequency,
          currency: request.currency,
          annualValue: formatCents(annualValue),
          appliedPolicy: rule.appliedPolicy,
          policy: { approvalRequired: policy.approvalRequired, dynamicApproval: { enabled: policy.dynamicApproval.enabled, annualLimit: formatCents(policy.dynamicApproval.annualLimitCents) } },
          requestedBy: command.actorId,
          requestedAt: at,
        };
        const requested: TransactionEvent = { type: 'TransactionRequested', data: { ...facts, needsApproval: rule.needsApproval } };
        if (rule.needsApproval) return [requested];
        return [requested, { type: 'TransactionApproved', data: { ...facts, decidedBy: DECIDED_BY_POLICY, decidedAt: at, comment: null, byPolicy: rule.appliedPolicy } }];
      }
      case 'ApproveTransaction':
      case 'RejectTransaction': {
        const pending = pendingOrThrow(state, command.data.transactionId);
        if (pending.facts.requestedBy === command.actorId) throw new OwnRequestError();
        if (command.type === 'ApproveTransaction') {
          stillApplicable(pending.facts, command.data.subscription);
          const comment = command.data.comment?.trim() || null;
          return [{ type: 'TransactionApproved', data: { ...pending.facts, decidedBy: command.actorId, decidedAt: at, comment, byPolicy: null } }];
        }
        const reason = command.data.reason.trim();
        if (!reason) throw new ReasonRequiredError();
        return [{ type: 'TransactionRejected', data: { ...pending.facts, decidedBy: command.actorId, decidedAt: at, reason } }];
      }
      case 'WithdrawTransaction': {
        const pending = pendingOrThrow(state, command.data.transactionId);
        if (pending.facts.requestedBy !== command.actorId) throw new NotRequesterError();
        return [{ type: 'TransactionWithdrawn', data: { ...pending.facts, withdrawnBy: command.actorId, withdrawnAt: at } }];
      }
    }
  },

  evolve(state, event) {
    const facts = state.status === 'none' ? factsOf(event) : state.facts;
    switch (event.type) {
      case 'TransactionRequested':
        return { status: 'pending_approval', facts: factsOf(event), outcome: null };
      case 'TransactionApproved': {
        const { decidedBy, decidedAt, comment, byPolicy } = event.data;
        return { status: 'approved', facts, outcome: { by: decidedBy, at: decidedAt, comment, reason: null, byPolicy } };
      }
      case 'TransactionRejected':
        return { status: 'rejected', facts, outcome: { by: event.data.decidedBy, at: event.data.decidedAt, comment: null, reason: event.data.reason, byPolicy: null } };
      case 'TransactionWithdrawn':
        return { status: 'withdrawn', facts, outcome: { by: event.data.withdrawnBy, at: event.data.withdrawnAt, comment: null, reason: null, byPolicy: null } };
    }
  },
};

/** The quantity the subscription has once the transaction applies, after the rules on quantities. */
function quantityAfter(request: TransactionRequest): number {
  const { transactionType, quantity, subscription, subscriptionId } = request;
  if (transactionType === 'order') {
    requireQuantityInRange(quantity);
    return quantity;
  }
  if (!subscription) throw new InvalidTransactionError('subscriptionId', `A ${transactionType === 'change' ? 'change' : 'cancellation'} needs the subscription it concerns`);
  if (subscription.status === 'cancelled') throw new SubscriptionAlreadyCancelledError(subscriptionId);
  if (transactionType === 'cancel') return 0;
  requireQuantityInRange(quantity);
  if (quantity === subscription.quantity) throw new InvalidTransactionError('quantity', `The subscription already has quantity ${quantity}`);
  if (quantity < subscription.assignedCount) {
    throw new InvalidTransactionError(
      'quantity',
      `${subscription.assignedCount} users are assigned to this subscription: unassign ${subscription.assignedCount - quantity} of them before lowering the quantity to ${quantity}`,
    );
  }
  return quantity;
}

function requireQuantityInRange(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_TRANSACTION_QUANTITY) {
    throw new InvalidTransactionError('quantity', `quantity must be a whole number from 1 to ${MAX_TRANSACTION_QUANTITY}`);
  }
}

/** An approval must still fit the subscription as it stands now (users may have been assigned since the request). */
function stillApplicable(facts: TransactionFacts, subscription: SubscriptionNow | null): void {
  if (facts.transactionType === 'order' || !subscription) return;
  if (subscription.status === 'cancelled') throw new SubscriptionAlreadyCancelledError(facts.subscriptionId);
  if (facts.transactionType === 'change' && facts.quantity < subscription.assignedCount) {
    throw new SubscriptionChangedError(
      `${subscription.assignedCount} users are now assigned to this subscription, more than the quantity ${facts.quantity} this change sets: unassign users first, or reject the change`,
    );
  }
}

function pendingOrThrow(state: TransactionState, transactionId: string): ExistingTransaction {
  if (state.status === 'none') throw new TransactionNotFoundError(transactionId);
  if (state.status !== 'pending_approval') throw new AlreadyDecidedError(transactionId, state.status);
  return state;
}
