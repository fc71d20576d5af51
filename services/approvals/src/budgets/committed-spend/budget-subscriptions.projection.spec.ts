import type { RecordedEvent } from '@broker/event-sourcing';
import { committedSpendCents } from '../domain/committed-spend';
import { budgetPeriodAt } from '../domain/budget-period';
import { asBudgetSubscription, budgetSubscriptionsProjection, type BudgetSubscriptionDoc } from './budget-subscriptions.projection';

let revision = 0;
const approved = (transactionId: string, fields: Record<string, unknown>): RecordedEvent => ({
  id: `e-${++revision}`,
  streamId: `transaction-${transactionId}`,
  revision: 1n,
  position: { commit: BigInt(revision), prepare: 0n },
  type: 'TransactionApproved',
  schemaVersion: 1,
  data: {
    transactionId, resellerId: 'r-1', organizationId: 'o-1', subscriptionId: 's-1', productId: 'p-1', productName: 'Backup',
    transactionType: 'order', quantity: 10, previousQuantity: 0, unitPrice: '10.50', billingFrequency: 'monthly', currency: 'EUR',
    decidedAt: '2026-03-16T09:30:00Z', effectiveAt: '2026-03-16T09:30:00Z', subscriptionSequence: 0, ...fields,
  },
  metadata: {},
  recordedAt: new Date('2026-03-16T09:30:00Z'),
});
const replay = (events: RecordedEvent[]) => events.reduce<BudgetSubscriptionDoc | null>((doc, event) => budgetSubscriptionsProjection.evolve(doc, event), null);

describe('budget subscriptions projection', () => {
  const ordered = approved('t-1', { costCentre: 'Sales' });
  const raised = approved('t-2', { transactionType: 'change', quantity: 12, previousQuantity: 10, effectiveAt: '2026-04-11T14:00:00Z', subscriptionSequence: 1 });
  const cancelled = approved('t-3', { transactionType: 'cancel', quantity: 0, previousQuantity: 12, effectiveAt: '2026-05-21T08:00:00Z', subscriptionSequence: 2 });

  it("keeps each approved change at its effective time, and the order's cost centre", () => {
    const doc = replay([ordered, raised, cancelled])!;
    expect(doc).toMatchObject({ subscriptionId: 's-1', organizationId: 'o-1', costCentre: 'Sales', transactionIds: ['t-1', 't-2', 't-3'] });
    expect(doc.changes.map((c) => [c.kind, c.quantity, c.at])).toEqual([
      ['activated', 10, '2026-03-16T09:30:00Z'],
      ['changed', 12, '2026-04-11T14:00:00Z'],
      // A cancellation keeps the quantity it ends, as billing's accrual reads it.
      ['cancelled', 12, '2026-05-21T08:00:00Z'],
    ]);
  });

  it("counts the spend billing will charge: the worked example's 54.19 + 119.00 + 81.29 over the second quarter and March", () => {
    const subscription = asBudgetSubscription(replay([ordered, raised, cancelled])!);
    expect(committedSpendCents([subscription], budgetPeriodAt('monthly', new Date('2026-03-20T00:00:00Z')))).toBe(5419n);
    expect(committedSpendCents([subscription], budgetPeriodAt('quarterly', new Date('2026-04-20T00:00:00Z')))).toBe(11900n + 8129n);
  });

  it('applies an event once, whatever redelivers it', () => {
    const once = replay([ordered, raised]);
    expect(replay([ordered, raised, raised, ordered])).toEqual(once);
  });
});
