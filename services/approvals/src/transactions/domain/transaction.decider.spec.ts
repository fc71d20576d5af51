import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { transactionDecider, type TransactionRequest } from './transaction.decider';
import type { TransactionEvent } from './transaction.events';
import { AlreadyDecidedError, NotRequesterError, OwnRequestError, ReasonRequiredError, TransactionNotFoundError } from './transaction.errors';

const spec = DeciderSpecification.for(transactionDecider);
const at = new Date('2026-03-16T09:00:00Z');
const later = new Date('2026-03-16T10:00:00Z');

const request = (overrides: Partial<TransactionRequest> = {}): TransactionRequest => ({
  transactionId: 't-1',
  resellerId: 'r-1',
  organizationId: 'o-1',
  transactionType: 'order',
  productId: 'p-1',
  productName: 'Microsoft 365 Business Basic',
  subscriptionId: 's-1',
  quantity: 10,
  previousQuantity: 0,
  unitPriceCents: 1050n,
  billingFrequency: 'monthly',
  currency: 'EUR',
  policy: { approvalRequired: false, dynamicApproval: { enabled: true, annualLimitCents: 100000n } },
  requestedByResellerStaff: false,
  ...overrides,
});

const requested = (overrides: Partial<Extract<TransactionEvent, { type: 'TransactionRequested' }>['data']> = {}): TransactionEvent => ({
  type: 'TransactionRequested',
  data: {
    transactionId: 't-1',
    resellerId: 'r-1',
    organizationId: 'o-1',
    transactionType: 'order',
    productId: 'p-1',
    productName: 'Microsoft 365 Business Basic',
    subscriptionId: 's-1',
    quantity: 10,
    previousQuantity: 0,
    unitPrice: '10.50',
    billingFrequency: 'monthly',
    currency: 'EUR',
    annualValue: '1260.00',
    appliedPolicy: 'dynamic_limit',
    policy: { approvalRequired: false, dynamicApproval: { enabled: true, annualLimit: '1000.00' } },
    requestedBy: 'u-customer',
    requestedAt: at.toISOString(),
    ...overrides,
  },
});

describe('transaction decider', () => {
  it('leaves an order above the dynamic limit pending, with its value and policy', () => {
    spec.when({ type: 'RequestTransaction', data: request(), actorId: 'u-customer', at }).then([requested()]);
  });

  it('approves an order at or below the limit by policy, in the same append', () => {
    spec
      .when({ type: 'RequestTransaction', data: request({ quantity: 7 }), actorId: 'u-customer', at })
      .then([
        requested({ quantity: 7, annualValue: '882.00' }),
        { type: 'TransactionApproved', data: { transactionId: 't-1', decidedBy: 'policy', decidedAt: at.toISOString(), comment: null, byPolicy: 'dynamic_limit' } },
      ]);
  });

  it('is decided once: approve, then any further decision is refused', () => {
    spec
      .given([requested()])
      .when({ type: 'ApproveTransaction', data: { transactionId: 't-1', comment: 'ok' }, actorId: 'u-reseller', at: later })
      .then([{ type: 'TransactionApproved', data: { transactionId: 't-1', decidedBy: 'u-reseller', decidedAt: later.toISOString(), comment: 'ok', byPolicy: null } }]);
    const approved: TransactionEvent = { type: 'TransactionApproved', data: { transactionId: 't-1', decidedBy: 'u-reseller', decidedAt: later.toISOString(), comment: null, byPolicy: null } };
    spec.given([requested(), approved]).when({ type: 'RejectTransaction', data: { transactionId: 't-1', reason: 'no' }, actorId: 'u-reseller', at: later }).thenThrows(AlreadyDecidedError);
    spec.given([requested(), approved]).when({ type: 'WithdrawTransaction', data: { transactionId: 't-1' }, actorId: 'u-customer', at: later }).thenThrows(AlreadyDecidedError);
  });

  it('rejects only with a reason', () => {
    spec
      .given([requested()])
      .when({ type: 'RejectTransaction', data: { transactionId: 't-1', reason: '  Over budget ' }, actorId: 'u-reseller', at: later })
      .then([{ type: 'TransactionRejected', data: { transactionId: 't-1', decidedBy: 'u-reseller', decidedAt: later.toISOString(), reason: 'Over budget' } }]);
    spec.given([requested()]).when({ type: 'RejectTransaction', data: { transactionId: 't-1', reason: '   ' }, actorId: 'u-reseller', at: later }).thenThrows(ReasonRequiredError);
  });

  it('lets nobody decide their own request', () => {
    spec.given([requested()]).when({ type: 'ApproveTransaction', data: { transactionId: 't-1', comment: null }, actorId: 'u-customer', at: later }).thenThrows(OwnRequestError);
  });

  it('lets only the requester withdraw a pending request', () => {
    spec
      .given([requested()])
      .when({ type: 'WithdrawTransaction', data: { transactionId: 't-1' }, actorId: 'u-customer', at: later })
      .then([{ type: 'TransactionWithdrawn', data: { transactionId: 't-1', withdrawnBy: 'u-customer', withdrawnAt: later.toISOString() } }]);
    spec.given([requested()]).when({ type: 'WithdrawTransaction', data: { transactionId: 't-1' }, actorId: 'u-other', at: later }).thenThrows(NotRequesterError);
  });

  it('refuses decisions on a transaction that does not exist', () => {
    spec.when({ type: 'ApproveTransaction', data: { transactionId: 't-9', comment: null }, actorId: 'u-reseller', at }).thenThrows(TransactionNotFoundError);
  });
});
