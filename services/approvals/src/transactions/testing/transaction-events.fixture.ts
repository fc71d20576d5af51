import type { TransactionRequest } from '../domain/transaction.decider';
import type { TransactionEvent, TransactionFacts } from '../domain/transaction.events';

/** Transaction facts and events for unit tests of what reads the stream (mapper, projection, history). */
export const REQUESTED_AT = '2026-03-16T09:00:00.000Z';
export const DECIDED_AT = '2026-03-16T10:00:00.000Z';

export function sampleFacts(overrides: Partial<TransactionFacts> = {}): TransactionFacts {
  return {
    transactionId: 't-1',
    resellerId: 'r-1',
    organizationId: 'o-1',
    organizationName: 'Contoso',
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
    requestedAt: REQUESTED_AT,
    basedOnSequence: null,
    ...overrides,
  };
}

export const sampleEvents = (facts: TransactionFacts = sampleFacts()) => ({
  requested: { type: 'TransactionRequested', data: { ...facts, needsApproval: true } } satisfies TransactionEvent,
  approved: {
    type: 'TransactionApproved',
    data: { ...facts, decidedBy: 'u-reseller', decidedAt: DECIDED_AT, comment: 'ok', byPolicy: null, decisionId: 'd-1', subscriptionSequence: 0, effectiveAt: DECIDED_AT },
  } satisfies TransactionEvent,
  approvedByPolicy: {
    type: 'TransactionApproved',
    data: { ...facts, decidedBy: 'policy', decidedAt: REQUESTED_AT, comment: null, byPolicy: facts.appliedPolicy, decisionId: facts.transactionId, subscriptionSequence: 0, effectiveAt: REQUESTED_AT },
  } satisfies TransactionEvent,
  rejected: { type: 'TransactionRejected', data: { ...facts, decidedBy: 'u-reseller', decidedAt: DECIDED_AT, reason: 'Over budget', decisionId: 'd-1' } } satisfies TransactionEvent,
  withdrawn: { type: 'TransactionWithdrawn', data: { ...facts, withdrawnBy: 'u-customer', withdrawnAt: DECIDED_AT, decisionId: 'd-1' } } satisfies TransactionEvent,
});

/** A request for 10 seats at 10.50 a month (1260.00 a year) under Dynamic Approval up to 1000.00, for the decider's tests. */
export function sampleRequest(overrides: Partial<TransactionRequest> = {}): TransactionRequest {
  return {
    transactionId: 't-1',
    resellerId: 'r-1',
    organizationId: 'o-1',
    organizationName: 'Contoso',
    transactionType: 'order',
    productId: 'p-1',
    productName: 'Microsoft 365 Business Basic',
    subscriptionId: 's-1',
    quantity: 10,
    subscription: null,
    unitPriceCents: 1050n,
    billingFrequency: 'monthly',
    currency: 'EUR',
    policy: { approvalRequired: false, dynamicApproval: { enabled: true, annualLimitCents: 100000n } },
    requestedByResellerStaff: false,
    ...overrides,
  };
}
