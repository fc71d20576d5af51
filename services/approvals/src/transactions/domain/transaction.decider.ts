import { formatCents } from '@broker/contracts';
import type { Decider } from '@broker/event-sourcing';
import { annualValueCents, type BillingFrequency, type TransactionType } from './annual-value';
import { approvalRule, type PolicyInForce } from './approval-rule';
import type { TransactionEvent } from './transaction.events';
import { AlreadyDecidedError, NotRequesterError, OwnRequestError, ReasonRequiredError, TransactionAlreadyExistsError, TransactionNotFoundError } from './transaction.errors';

export interface TransactionRequest {
  transactionId: string;
  resellerId: string;
  organizationId: string;
  transactionType: TransactionType;
  productId: string;
  productName: string;
  subscriptionId: string;
  quantity: number;
  previousQuantity: number;
  unitPriceCents: bigint;
  billingFrequency: BillingFrequency;
  currency: string;
  policy: PolicyInForce;
  requestedByResellerStaff: boolean;
}

export type TransactionCommand =
  | { type: 'RequestTransaction'; data: TransactionRequest; actorId: string; at: Date }
  | { type: 'ApproveTransaction'; data: { transactionId: string; comment: string | null }; actorId: string; at: Date }
  | { type: 'RejectTransaction'; data: { transactionId: string; reason: string }; actorId: string; at: Date }
  | { type: 'WithdrawTransaction'; data: { transactionId: string }; actorId: string; at: Date };

export type TransactionStatus = 'pending_approval' | 'approved' | 'rejected' | 'withdrawn';

export type TransactionState =
  | { status: 'none' }
  | { status: TransactionStatus; transactionId: string; requestedBy: string };

export const transactionDecider: Decider<TransactionCommand, TransactionEvent, TransactionState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    const at = command.at.toISOString();
    switch (command.type) {
      case 'RequestTransaction': {
        if (state.status !== 'none') throw new TransactionAlreadyExistsError(command.data.transactionId);
        const { unitPriceCents, policy, requestedByResellerStaff, ...request } = command.data;
        const annualValue = annualValueCents({ type: request.transactionType, unitPriceCents, quantity: request.quantity, previousQuantity: request.previousQuantity, billingFrequency: request.billingFrequency });
        const rule = approvalRule(policy, annualValue, requestedByResellerStaff);
        const requested: TransactionEvent = {
          type: 'TransactionRequested',
          data: {
            ...request,
            unitPrice: formatCents(unitPriceCents),
            annualValue: formatCents(annualValue),
            appliedPolicy: rule.appliedPolicy,
            policy: { approvalRequired: policy.approvalRequired, dynamicApproval: { enabled: policy.dynamicApproval.enabled, annualLimit: formatCents(policy.dynamicApproval.annualLimitCents) } },
            requestedBy: command.actorId,
            requestedAt: at,
          },
        };
        if (rule.needsApproval) return [requested];
        const approved: TransactionEvent = {
          type: 'TransactionApproved',
          data: { transactionId: request.transactionId, decidedBy: 'policy', decidedAt: at, comment: null, byPolicy: rule.appliedPolicy },
        };
        return [requested, approved];
      }
      case 'ApproveTransaction':
      case 'RejectTransaction': {
        const pending = pendingOrThrow(state, command.data.transactionId);
        if (pending.requestedBy === command.actorId) throw new OwnRequestError();
        if (command.type === 'ApproveTransaction') {
          return [{ type: 'TransactionApproved', data: { transactionId: pending.transactionId, decidedBy: command.actorId, decidedAt: at, comment: command.data.comment, byPolicy: null } }];
        }
        const reason = command.data.reason.trim();
        if (!reason) throw new ReasonRequiredError();
        return [{ type: 'TransactionRejected', data: { transactionId: pending.transactionId, decidedBy: command.actorId, decidedAt: at, reason } }];
      }
      case 'WithdrawTransaction': {
        const pending = pendingOrThrow(state, command.data.transactionId);
        if (pending.requestedBy !== command.actorId) throw new NotRequesterError();
        return [{ type: 'TransactionWithdrawn', data: { transactionId: pending.transactionId, withdrawnBy: command.actorId, withdrawnAt: at } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'TransactionRequested':
        return { status: 'pending_approval', transactionId: event.data.transactionId, requestedBy: event.data.requestedBy };
      case 'TransactionApproved':
        return state.status === 'none' ? state : { ...state, status: 'approved' };
      case 'TransactionRejected':
        return state.status === 'none' ? state : { ...state, status: 'rejected' };
      case 'TransactionWithdrawn':
        return state.status === 'none' ? state : { ...state, status: 'withdrawn' };
    }
  },
};

function pendingOrThrow(state: TransactionState, transactionId: string): Extract<TransactionState, { transactionId: string }> {
  if (state.status === 'none') throw new TransactionNotFoundError(transactionId);
  if (state.status !== 'pending_approval') throw new AlreadyDecidedError(transactionId, state.status);
  return state;
}
