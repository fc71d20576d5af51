import type { RecordedEvent } from '@broker/event-sourcing';
import { DECIDED_AT, REQUESTED_AT, sampleEvents, sampleFacts } from '../testing/transaction-events.fixture';
import { toPendingApproval } from '../list-pending-approvals/list-pending-approvals.controller';
import { toListedTransaction, transactionListProjection, type TransactionListEntry } from './transaction-list.projection';

const recorded = (event: { type: string; data: object }, revision: number): RecordedEvent => ({
  id: `e-${revision}`,
  streamId: 'transaction-t-1',
  revision: BigInt(revision),
  position: { commit: BigInt(revision + 1), prepare: 0n },
  type: event.type,
  schemaVersion: 1,
  data: event.data as Record<string, unknown>,
  metadata: {},
  recordedAt: new Date(REQUESTED_AT),
});

const replay = (events: RecordedEvent[]) => events.reduce<TransactionListEntry | null>((doc, event) => transactionListProjection.evolve(doc, event), null);
const { requested, approved, rejected, withdrawn, approvedByPolicy } = sampleEvents();

const pendingEntry: TransactionListEntry = {
  id: 't-1',
  organizationId: 'o-1',
  type: 'order',
  status: 'pending_approval',
  productId: 'p-1',
  productName: 'Microsoft 365 Business Basic',
  subscriptionId: 's-1',
  quantity: 10,
  previousQuantity: 0,
  unitPrice: '10.50',
  annualValue: '1260.00',
  currency: 'EUR',
  billingFrequency: 'monthly',
  appliedPolicy: 'dynamic_limit',
  requestedBy: 'u-customer',
  requestedAt: REQUESTED_AT,
  resellerId: 'r-1',
  organizationName: 'Contoso',
  awaiting: 'reseller',
  awaitingApproverIds: [],
  revision: 0,
};

describe('transaction list projection', () => {
  it('lists a request as pending, then its outcome with who decided, when, and the comment or reason', () => {
    expect(transactionListProjection.documentId(recorded(requested, 0))).toBe('t-1');
    expect(replay([recorded(requested, 0)])).toEqual(pendingEntry);
    const decided = { awaiting: null, awaitingApproverIds: [] };
    expect(replay([recorded(requested, 0), recorded(approved, 1)])).toEqual({ ...pendingEntry, ...decided, status: 'approved', decidedBy: 'u-reseller', decidedAt: DECIDED_AT, comment: 'ok', revision: 1 });
    expect(replay([recorded(requested, 0), recorded(rejected, 1)])).toEqual({ ...pendingEntry, ...decided, status: 'rejected', decidedBy: 'u-reseller', decidedAt: DECIDED_AT, reason: 'Over budget', revision: 1 });
    expect(replay([recorded(requested, 0), recorded(withdrawn, 1)])).toEqual({ ...pendingEntry, ...decided, status: 'withdrawn', decidedBy: 'u-customer', decidedAt: DECIDED_AT, revision: 1 });
    expect(replay([recorded(requested, 0), recorded(approvedByPolicy, 1)])).toEqual({ ...pendingEntry, ...decided, status: 'approved', decidedBy: 'policy', decidedAt: REQUESTED_AT, revision: 1 });
  });

  it("waits for each step of the organization's approval chain reached, then for the reseller's", () => {
    const step = (stepIndex: number, kind: 'internal' | 'reseller', approverIds: string[] | null, revision: number): RecordedEvent =>
      recorded({ type: 'ApprovalStepReached', data: { transactionId: 't-1', stepIndex, stepCount: 2, kind, approverIds, reachedAt: REQUESTED_AT } }, revision);
    expect(replay([recorded(requested, 0), step(0, 'internal', ['u-a', 'u-b'], 1)])).toEqual({ ...pendingEntry, awaiting: 'organization', awaitingApproverIds: ['u-a', 'u-b'], revision: 1 });
    expect(replay([recorded(requested, 0), step(0, 'internal', ['u-a'], 1), step(1, 'reseller', null, 2)])).toEqual({ ...pendingEntry, awaiting: 'reseller', awaitingApproverIds: [], revision: 2 });
    expect(replay([recorded(requested, 0), step(0, 'internal', ['u-a'], 1), recorded(approved, 2)])).toMatchObject({ status: 'approved', awaiting: null, awaitingApproverIds: [] });
  });

  it('gives the same document when rebuilt, and an event applied again (or an older one) changes nothing', () => {
    const history = [recorded(requested, 0), recorded(approved, 1)];
    expect(replay(history)).toEqual(replay(history));
    const done = replay(history);
    expect(transactionListProjection.evolve(done, history[1]!)).toBe(done);
    expect(transactionListProjection.evolve(done, history[0]!)).toBe(done);
  });

  it('answers the list items without bookkeeping fields, and pending items with the current organization name', () => {
    const entry = replay([recorded(requested, 0)])!;
    const listed = toListedTransaction(entry);
    expect(listed).not.toHaveProperty('resellerId');
    expect(listed).not.toHaveProperty('revision');
    expect(listed).not.toHaveProperty('awaiting');
    expect(listed).toMatchObject({ id: 't-1', type: 'order', status: 'pending_approval', quantity: 10, annualValue: '1260.00', requestedBy: 'u-customer' });
    const pending = {
      transactionId: 't-1',
      organizationId: 'o-1',
      organizationName: 'Contoso Group',
      type: 'order',
      productId: 'p-1',
      productName: 'Microsoft 365 Business Basic',
      quantity: 10,
      previousQuantity: 0,
      annualValue: '1260.00',
      currency: 'EUR',
      requestedBy: 'u-customer',
      requestedAt: REQUESTED_AT,
    };
    expect(toPendingApproval(entry, 'Contoso Group')).toEqual(pending);
    expect(toPendingApproval(entry, null)).toEqual({ ...pending, organizationName: 'Contoso' });
  });

  it('builds a complete entry from any single event (each carries the facts)', () => {
    const change = sampleEvents(sampleFacts({ transactionType: 'change', quantity: 4, previousQuantity: 10, annualValue: '0.00' })).approvedByPolicy;
    expect(replay([recorded(change, 1)])).toMatchObject({ type: 'change', status: 'approved', quantity: 4, previousQuantity: 10, annualValue: '0.00' });
  });
});
