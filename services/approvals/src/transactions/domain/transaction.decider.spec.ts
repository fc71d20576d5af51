import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { transactionDecider, type TransactionCommand, type TransactionRequest } from './transaction.decider';
import { sampleFacts, sampleRequest } from '../testing/transaction-events.fixture';
import type { TransactionEvent, TransactionFacts } from './transaction.events';
import {
  AlreadyDecidedError,
  InvalidTransactionError,
  NotRequesterError,
  OwnRequestError,
  ReasonRequiredError,
  SubscriptionAlreadyCancelledError,
  SubscriptionChangedError,
  SubscriptionNotFoundError,
  TransactionIdReusedError,
  TransactionNotFoundError,
} from './transaction.errors';

const spec = DeciderSpecification.for(transactionDecider);
const at = new Date('2026-03-16T09:00:00Z');
const later = new Date('2026-03-16T10:00:00Z');
const dynamic1000 = { approvalRequired: false, dynamicApproval: { enabled: true, annualLimitCents: 100000n } };

const request = (overrides: Partial<TransactionRequest> = {}): TransactionRequest => sampleRequest({ policy: dynamic1000, ...overrides });

/** The request above, as the events record it (the shared fixture uses the same request time). */
const facts = (overrides: Partial<TransactionFacts> = {}): TransactionFacts => sampleFacts(overrides);

const requested = (needsApproval = true, overrides: Partial<TransactionFacts> = {}): TransactionEvent => ({ type: 'TransactionRequested', data: { ...facts(overrides), needsApproval } });
/** Approved on request: the order opens the subscription's ledger (0); a change comes after the sequence it was based on. */
const byPolicy = (overrides: Partial<TransactionFacts> = {}): TransactionEvent => ({
  type: 'TransactionApproved',
  data: {
    ...facts(overrides),
    decidedBy: 'policy',
    decidedAt: at.toISOString(),
    comment: null,
    byPolicy: overrides.appliedPolicy ?? 'dynamic_limit',
    decisionId: 't-1',
    subscriptionSequence: overrides.basedOnSequence === undefined || overrides.basedOnSequence === null ? 0 : overrides.basedOnSequence + 1,
    effectiveAt: at.toISOString(),
  },
});
const approvedBy = (actorId: string, factOverrides: Partial<TransactionFacts> = {}, extra: { comment?: string | null; decisionId?: string; subscriptionSequence?: number; effectiveAt?: string } = {}): TransactionEvent => ({
  type: 'TransactionApproved',
  data: {
    ...facts(factOverrides),
    decidedBy: actorId,
    decidedAt: later.toISOString(),
    comment: extra.comment ?? null,
    byPolicy: null,
    decisionId: extra.decisionId ?? 'd-1',
    subscriptionSequence: extra.subscriptionSequence ?? 0,
    effectiveAt: extra.effectiveAt ?? later.toISOString(),
  },
});
const ask = (data: TransactionRequest, actorId = 'u-customer'): TransactionCommand => ({ type: 'RequestTransaction', data, actorId, at });
const approve = (
  actorId = 'u-reseller',
  comment: string | null = null,
  subscription: Extract<TransactionCommand, { type: 'ApproveTransaction' }>['data']['subscription'] = null,
  decisionId = 'd-1',
): TransactionCommand => ({
  type: 'ApproveTransaction',
  data: { transactionId: 't-1', decisionId, comment, subscription },
  actorId,
  at: later,
});
const reject = (reason: string, actorId = 'u-reseller', decisionId = 'd-1'): TransactionCommand => ({ type: 'RejectTransaction', data: { transactionId: 't-1', decisionId, reason }, actorId, at: later });
const withdraw = (actorId = 'u-customer', decisionId = 'd-1'): TransactionCommand => ({ type: 'WithdrawTransaction', data: { transactionId: 't-1', decisionId }, actorId, at: later });
/** A subscription as its ledger has it: by default two transactions approved (sequence 1), the last at 08:00. */
const active = (quantity: number, assignedCount = 0, sequence = 1, lastEffectiveAt: string | null = '2026-03-16T08:00:00.000Z') => ({
  quantity,
  assignedCount,
  status: 'active' as const,
  sequence,
  lastEffectiveAt,
});
const onField = (field: string, text: string) => (e: InvalidTransactionError) => e.code === 'VALIDATION' && e.errors[0]!.field === field && e.message.includes(text);

describe('transaction decider: requests', () => {
  it('leaves an order above the dynamic limit pending, with its value, the organization and the policy in force', () => {
    spec.when(ask(request())).then([requested(true)]);
  });

  it('approves an order at or below the limit by policy in the same append, both events carrying the facts', () => {
    spec.when(ask(request({ quantity: 7 }))).then([requested(false, { quantity: 7, annualValue: '882.00' }), byPolicy({ quantity: 7, annualValue: '882.00' })]);
    // 1000.00 a year exactly: 100 seats of an annual product at 10.00.
    const atLimit = { quantity: 100, unitPrice: '10.00', billingFrequency: 'annual' as const, annualValue: '1000.00' };
    spec.when(ask(request({ quantity: 100, unitPriceCents: 1000n, billingFrequency: 'annual' }))).then([requested(false, atLimit), byPolicy(atLimit)]);
  });

  it('values an annual product at price x quantity', () => {
    const annual = { quantity: 3, unitPrice: '400.00', billingFrequency: 'annual' as const, annualValue: '1200.00' };
    spec.when(ask(request({ quantity: 3, unitPriceCents: 40000n, billingFrequency: 'annual' }))).then([requested(true, annual)]);
  });

  it('approves everything at once without an approval process, and reseller staff requests on request', () => {
    const none = { approvalRequired: false, dynamicApproval: { enabled: false, annualLimitCents: 0n } };
    const noneRecorded = { approvalRequired: false, dynamicApproval: { enabled: false, annualLimit: '0.00' } };
    spec.when(ask(request({ policy: none }))).then([requested(false, { appliedPolicy: 'none', policy: noneRecorded }), byPolicy({ appliedPolicy: 'none', policy: noneRecorded })]);
    const required = { approvalRequired: true, dynamicApproval: { enabled: false, annualLimitCents: 0n } };
    const requiredRecorded = { approvalRequired: true, dynamicApproval: { enabled: false, annualLimit: '0.00' } };
    spec.when(ask(request({ policy: required }))).then([requested(true, { appliedPolicy: 'approval_required', policy: requiredRecorded })]);
    spec
      .when(ask(request({ policy: required, requestedByResellerStaff: true }), 'u-reseller'))
      .then([
        requested(false, { appliedPolicy: 'reseller_staff', policy: requiredRecorded, requestedBy: 'u-reseller' }),
        byPolicy({ appliedPolicy: 'reseller_staff', policy: requiredRecorded, requestedBy: 'u-reseller' }),
      ]);
  });

  it('values a change by its increase only, and approves a decrease by policy', () => {
    spec.when(ask(request({ transactionType: 'change', quantity: 14, subscription: active(10) }))).then([
      requested(false, { transactionType: 'change', quantity: 14, previousQuantity: 10, annualValue: '504.00', basedOnSequence: 1 }),
      byPolicy({ transactionType: 'change', quantity: 14, previousQuantity: 10, annualValue: '504.00', basedOnSequence: 1 }),
    ]);
    const decrease = { transactionType: 'change' as const, quantity: 4, previousQuantity: 200, annualValue: '0.00', basedOnSequence: 1 };
    spec.when(ask(request({ transactionType: 'change', quantity: 4, subscription: active(200, 4) }))).then([requested(false, decrease), byPolicy(decrease)]);
  });

  it('records a cancellation at quantity 0 and value 0', () => {
    const cancel = { transactionType: 'cancel' as const, quantity: 0, previousQuantity: 10, annualValue: '0.00', basedOnSequence: 1 };
    spec.when(ask(request({ transactionType: 'cancel', quantity: 0, subscription: active(10, 3) }))).then([requested(false, cancel), byPolicy(cancel)]);
  });

  it('refuses a change below the number of assigned users with a clear message, and a change to the same quantity', () => {
    spec.when(ask(request({ transactionType: 'change', quantity: 3, subscription: active(10, 5) }))).thenThrows(InvalidTransactionError, onField('quantity', '5 users are assigned'));
    spec.when(ask(request({ transactionType: 'change', quantity: 5, subscription: active(10, 5) }))).then([
      requested(false, { transactionType: 'change', quantity: 5, previousQuantity: 10, annualValue: '0.00', basedOnSequence: 1 }),
      byPolicy({ transactionType: 'change', quantity: 5, previousQuantity: 10, annualValue: '0.00', basedOnSequence: 1 }),
    ]);
    spec.when(ask(request({ transactionType: 'change', quantity: 10, subscription: active(10) }))).thenThrows(InvalidTransactionError, onField('quantity', 'already has quantity 10'));
  });

  it('refuses quantities outside 1..100000 and changes or cancellations of a cancelled or missing subscription', () => {
    for (const quantity of [0, -1, 1.5, 100001]) spec.when(ask(request({ quantity }))).thenThrows(InvalidTransactionError, onField('quantity', 'from 1 to 100000'));
    spec.when(ask(request({ quantity: 100000, policy: { approvalRequired: false, dynamicApproval: { enabled: false, annualLimitCents: 0n } } }))).then([
      requested(false, { quantity: 100000, annualValue: '12600000.00', appliedPolicy: 'none', policy: { approvalRequired: false, dynamicApproval: { enabled: false, annualLimit: '0.00' } } }),
      byPolicy({ quantity: 100000, annualValue: '12600000.00', appliedPolicy: 'none', policy: { approvalRequired: false, dynamicApproval: { enabled: false, annualLimit: '0.00' } } }),
    ]);
    const cancelled = { ...active(10), status: 'cancelled' as const };
    spec.when(ask(request({ transactionType: 'change', quantity: 12, subscription: cancelled }))).thenThrows(SubscriptionAlreadyCancelledError);
    spec.when(ask(request({ transactionType: 'cancel', subscription: cancelled }))).thenThrows(SubscriptionAlreadyCancelledError);
    spec.when(ask(request({ transactionType: 'change', quantity: 12 }))).thenThrows(InvalidTransactionError, onField('subscriptionId', 'needs the subscription'));
  });

  it('records a transaction once: the same request again records nothing, another request under its id is refused', () => {
    spec.given([requested()]).when(ask(request())).then([]);
    spec.given([requested(false), byPolicy()]).when(ask(request())).then([]);
    spec.given([requested()]).when(ask(request({ quantity: 11 }))).thenThrows(TransactionIdReusedError, (e) => e.code === 'IDEMPOTENCY.KEY_REUSED');
    spec.given([requested()]).when(ask(request({ productId: 'p-2' }))).thenThrows(TransactionIdReusedError);
    spec.given([requested()]).when(ask(request(), 'u-someone-else')).thenThrows(TransactionIdReusedError);
  });

  it('takes effect after the subscription\'s last change, even when the clock says earlier', () => {
    const change = { transactionType: 'change' as const, quantity: 14, previousQuantity: 10, annualValue: '504.00', basedOnSequence: 3 };
    const approved = byPolicy(change);
    spec.when(ask(request({ transactionType: 'change', quantity: 14, subscription: active(10, 0, 3, '2026-03-16T09:00:00.000Z') }))).then([
      requested(false, change),
      { type: 'TransactionApproved', data: { ...(approved.data as Extract<TransactionEvent, { type: 'TransactionApproved' }>['data']), subscriptionSequence: 4, effectiveAt: '2026-03-16T09:00:00.001Z' } },
    ]);
  });
});

describe('transaction decider: decisions', () => {
  it('approves a pending transaction with the facts, the approver, the time and the trimmed comment', () => {
    spec.given([requested()]).when(approve('u-reseller', '  fine  ')).then([approvedBy('u-reseller', {}, { comment: 'fine' })]);
    spec.given([requested()]).when(approve('u-reseller', '   ')).then([approvedBy('u-reseller')]);
  });

  it('is decided once: after an approval, a rejection, or a withdrawal, any further decision is refused', () => {
    const approved = approvedBy('u-reseller', {}, { decisionId: 'd-0' });
    const rejected: TransactionEvent = { type: 'TransactionRejected', data: { ...facts(), decidedBy: 'u-reseller', decidedAt: later.toISOString(), reason: 'no', decisionId: 'd-0' } };
    const withdrawn: TransactionEvent = { type: 'TransactionWithdrawn', data: { ...facts(), withdrawnBy: 'u-customer', withdrawnAt: later.toISOString(), decisionId: 'd-0' } };
    for (const closed of [approved, rejected, withdrawn]) {
      spec.given([requested(), closed]).when(approve()).thenThrows(AlreadyDecidedError, (e) => e.code === 'APPROVAL.ALREADY_DECIDED');
      spec.given([requested(), closed]).when(reject('no')).thenThrows(AlreadyDecidedError);
      spec.given([requested(), closed]).when(withdraw()).thenThrows(AlreadyDecidedError);
    }
    spec.given([requested(false), byPolicy()]).when(approve()).thenThrows(AlreadyDecidedError);
  });

  it('answers the same decision asked again (same deciding request) with nothing new; another decision is refused', () => {
    spec.given([requested(), approvedBy('u-reseller', {}, { decisionId: 'd-7' })]).when(approve('u-reseller', null, null, 'd-7')).then([]);
    const rejected: TransactionEvent = { type: 'TransactionRejected', data: { ...facts(), decidedBy: 'u-reseller', decidedAt: later.toISOString(), reason: 'no', decisionId: 'd-7' } };
    spec.given([requested(), rejected]).when(reject('no', 'u-reseller', 'd-7')).then([]);
    // The same id for another kind of decision is not a repeat.
    spec.given([requested(), rejected]).when(approve('u-reseller', null, null, 'd-7')).thenThrows(AlreadyDecidedError);
    const withdrawn: TransactionEvent = { type: 'TransactionWithdrawn', data: { ...facts(), withdrawnBy: 'u-customer', withdrawnAt: later.toISOString(), decisionId: 'd-7' } };
    spec.given([requested(), withdrawn]).when(withdraw('u-customer', 'd-7')).then([]);
  });

  it('refuses to approve a change when another change of its subscription was approved after the request', () => {
    const change = requested(true, { transactionType: 'change', quantity: 14, previousQuantity: 10, annualValue: '504.00', basedOnSequence: 1 });
    spec
      .given([change])
      .when(approve('u-reseller', null, active(12, 0, 2)))
      .thenThrows(SubscriptionChangedError, (e) => e.code === 'SUBSCRIPTION.CONFLICT' && e.message.includes('now has 12'));
    spec
      .given([change])
      .when(approve('u-reseller', null, active(10, 0, 1)))
      .then([approvedBy('u-reseller', { transactionType: 'change', quantity: 14, previousQuantity: 10, annualValue: '504.00', basedOnSequence: 1 }, { subscriptionSequence: 2 })]);
    spec.given([change]).when(approve('u-reseller', null, null)).thenThrows(SubscriptionNotFoundError);
  });

  it('rejects only with a reason, trimmed', () => {
    spec
      .given([requested()])
      .when(reject('  Over budget '))
      .then([{ type: 'TransactionRejected', data: { ...facts(), decidedBy: 'u-reseller', decidedAt: later.toISOString(), reason: 'Over budget', decisionId: 'd-1' } }]);
    spec.given([requested()]).when(reject('   ')).thenThrows(ReasonRequiredError, (e) => e.code === 'VALIDATION');
  });

  it('lets nobody decide their own request', () => {
    spec.given([requested()]).when(approve('u-customer')).thenThrows(OwnRequestError, (e) => e.code === 'APPROVAL.FORBIDDEN');
    spec.given([requested()]).when(reject('mine', 'u-customer')).thenThrows(OwnRequestError);
  });

  it('refuses to approve a decrease below the users assigned since the request, and a change of a subscription cancelled since', () => {
    const change = requested(true, { transactionType: 'change', quantity: 4, previousQuantity: 10, annualValue: '0.00' });
    spec.given([change]).when(approve('u-reseller', null, active(10, 6))).thenThrows(SubscriptionChangedError, (e) => e.code === 'SUBSCRIPTION.CONFLICT' && e.message.includes('6 users'));
    spec.given([change]).when(approve('u-reseller', null, { ...active(10), status: 'cancelled' })).thenThrows(SubscriptionAlreadyCancelledError);
    spec
      .given([change])
      .when(approve('u-reseller', null, active(10, 4)))
      .then([approvedBy('u-reseller', { transactionType: 'change', quantity: 4, previousQuantity: 10, annualValue: '0.00' }, { subscriptionSequence: 2 })]);
  });

  it('lets only the requester withdraw a pending request', () => {
    spec
      .given([requested()])
      .when(withdraw())
      .then([{ type: 'TransactionWithdrawn', data: { ...facts(), withdrawnBy: 'u-customer', withdrawnAt: later.toISOString(), decisionId: 'd-1' } }]);
    spec.given([requested()]).when(withdraw('u-other')).thenThrows(NotRequesterError, (e) => e.code === 'TRANSACTION.FORBIDDEN');
  });

  it('refuses decisions on a transaction that does not exist', () => {
    spec.when({ type: 'ApproveTransaction', data: { transactionId: 't-9', decisionId: 'd-1', comment: null, subscription: null }, actorId: 'u-reseller', at }).thenThrows(TransactionNotFoundError);
    spec.when(withdraw()).thenThrows(TransactionNotFoundError);
  });

  it('folds the stream into a state that shows the outcome', () => {
    const state = [requested(), { type: 'TransactionRejected', data: { ...facts(), decidedBy: 'u-reseller', decidedAt: later.toISOString(), reason: 'no', decisionId: 'd-1' } } as TransactionEvent].reduce(
      transactionDecider.evolve,
      transactionDecider.initialState(),
    );
    expect(state).toEqual({ status: 'rejected', facts: facts(), chain: null, outcome: { by: 'u-reseller', at: later.toISOString(), comment: null, reason: 'no', byPolicy: null, decisionId: 'd-1' } });
  });
});

describe('transaction decider: amounts in the currency of the price', () => {
  it('records a JPY order with no decimals: 10 seats at 1260 a month, 151200 a year, above a limit of 150000', () => {
    const policy = { approvalRequired: false, dynamicApproval: { enabled: true, annualLimitCents: 150000n } };
    const jpy = { unitPrice: '1260', currency: 'JPY', annualValue: '151200', policy: { approvalRequired: false, dynamicApproval: { enabled: true, annualLimit: '150000' } } };
    spec.when(ask(request({ unitPriceCents: 1260n, currency: 'JPY', policy }))).then([requested(true, jpy)]);
  });

  it('records a KWD order with three decimals: 7 seats at 1.250 a month, 105.000 a year, at or below a limit of 150.000', () => {
    const policy = { approvalRequired: false, dynamicApproval: { enabled: true, annualLimitCents: 150000n } };
    const kwd = { quantity: 7, unitPrice: '1.250', currency: 'KWD', annualValue: '105.000', policy: { approvalRequired: false, dynamicApproval: { enabled: true, annualLimit: '150.000' } } };
    spec.when(ask(request({ quantity: 7, unitPriceCents: 1250n, currency: 'KWD', policy }))).then([requested(false, kwd), byPolicy(kwd)]);
  });

  it('reads facts recorded with two decimals before with the decimals of their currency', () => {
    const legacy = requested(true, { unitPrice: '1260.00', currency: 'JPY', annualValue: '151200.00', policy: { approvalRequired: false, dynamicApproval: { enabled: true, annualLimit: '150000.00' } } });
    const state = transactionDecider.evolve(transactionDecider.initialState(), legacy);
    expect(state.status === 'none' ? null : [state.facts.unitPrice, state.facts.annualValue, state.facts.policy.dynamicApproval.annualLimit]).toEqual(['1260', '151200', '150000']);
  });
});
