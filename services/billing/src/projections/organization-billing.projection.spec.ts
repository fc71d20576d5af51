import type { RecordedEvent } from '@broker/event-sourcing';
import { evolveBatch } from '@broker/read-models';
import type { BillingFactEvent } from '../recording/billing-events';
import { billingProjections } from './billing-projections';
import { organizationBillingProjection, type OrganizationBillingDocument } from './organization-billing.projection';

let sequence = 0;
function recorded(event: BillingFactEvent, id = `e-${++sequence}`): RecordedEvent {
  sequence++;
  return {
    id, streamId: 'billing-organization-o-1', revision: BigInt(sequence), position: { commit: BigInt(sequence), prepare: 0n },
    type: event.type, schemaVersion: 1, data: event.data as unknown as Record<string, unknown>, metadata: {}, recordedAt: new Date(0),
  };
}

const facts = (effectiveAt: string, quantity: number, extra: Record<string, unknown> = {}) => ({
  subscriptionId: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', productName: 'E3', billingFrequency: 'monthly' as const,
  unitPrice: '10.50', unitCost: '8.00', currency: 'EUR', quantity, effectiveAt, transactionId: `t-${effectiveAt}`, ...extra,
});
const registered = recorded({ type: 'OrganizationRegistered', data: { organizationId: 'o-1', resellerId: 'r-1', name: 'Contoso', billingStartDate: '2026-03-01', createdAt: '2026-03-01T08:00:00Z' } });
const activated = recorded({ type: 'SubscriptionActivated', data: facts('2026-03-16T09:30:00Z', 10) });
const raised = recorded({ type: 'SubscriptionQuantityChanged', data: facts('2026-04-11T14:00:00Z', 12, { productName: 'E3 (2026)' }) });
const assigned = recorded({ type: 'LicencesAssigned', data: { subscriptionId: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', userIds: ['u-1'], assignedAt: '2026-03-17T10:00:00Z', subscriptionRevision: 2 } });

function fold(events: RecordedEvent[], projection = organizationBillingProjection): OrganizationBillingDocument | null {
  return events.reduce<OrganizationBillingDocument | null>((doc, e) => projection.evolve(doc, e), null);
}

describe('organization billing projection', () => {
  it('keeps the organization and each subscription timeline with its holders', () => {
    const doc = fold([registered, activated, assigned, raised]);
    expect(doc).toMatchObject({
      organizationId: 'o-1', resellerId: 'r-1', registered: true, name: 'Contoso', billingStartDate: '2026-03-01',
      subscriptions: [{
        subscriptionId: 's-1', productId: 'p-1', productName: 'E3 (2026)', billingFrequency: 'monthly', currency: 'EUR',
        changes: [
          { at: '2026-03-16T09:30:00Z', kind: 'activated', quantity: 10, unitPrice: '10.50', unitCost: '8.00', eventId: activated.id },
          { at: '2026-04-11T14:00:00Z', kind: 'changed', quantity: 12, eventId: raised.id },
        ],
        holders: [{ at: '2026-03-17T10:00:00Z', revision: 2, userIds: ['u-1'], eventId: assigned.id }],
      }],
    });
  });

  it('applies an event once, however often it is evolved', () => {
    expect(fold([registered, activated, activated, assigned, assigned])).toEqual(fold([registered, activated, assigned]));
  });

  it('gives the same document whatever order the facts arrive in (subscription facts before the organization)', () => {
    const inOrder = fold([registered, activated, assigned, raised])!;
    const shuffled = fold([raised, assigned, activated, registered])!;
    const timeline = (d: OrganizationBillingDocument) => d.subscriptions.map((s) => ({ ...s, changes: [...s.changes].sort((a, b) => a.at.localeCompare(b.at)) }));
    expect({ ...shuffled, subscriptions: timeline(shuffled) }).toEqual({ ...inOrder, subscriptions: timeline(inOrder) });
    // the product name stays that of the latest change even when an earlier one is recorded later
    expect(shuffled.subscriptions[0]!.productName).toBe('E3 (2026)');
  });

  it('is not registered until the organization itself is recorded', () => {
    expect(fold([activated])).toMatchObject({ registered: false, name: null, billingStartDate: null });
  });

  it('keeps the latest billing start date and name by time, not by arrival', () => {
    const later = recorded({ type: 'BillingStartDateSet', data: { organizationId: 'o-1', resellerId: 'r-1', billingStartDate: '2026-03-20', changedAt: '2026-03-25T00:00:00Z' } });
    const earlier = recorded({ type: 'BillingStartDateSet', data: { organizationId: 'o-1', resellerId: 'r-1', billingStartDate: '2026-03-10', changedAt: '2026-03-24T00:00:00Z' } });
    const renamed = recorded({ type: 'OrganizationRenamed', data: { organizationId: 'o-1', resellerId: 'r-1', name: 'Contoso AB', changedAt: '2026-03-02T00:00:00Z' } });
    expect(fold([registered, later, earlier, renamed])).toMatchObject({ billingStartDate: '2026-03-20', name: 'Contoso AB' });
    expect(fold([later, renamed, registered])).toMatchObject({ billingStartDate: '2026-03-20', name: 'Contoso AB', registered: true });
  });

  it('folds a batch like event by event, and keeps documents per organization', () => {
    const other = recorded({ type: 'SubscriptionActivated', data: facts('2026-03-16T09:30:00Z', 1, { organizationId: 'o-2', subscriptionId: 's-9' }) });
    const batch = evolveBatch(organizationBillingProjection, [registered, activated, other, assigned], new Map());
    expect([...batch.keys()]).toEqual(['o-1', 'o-2']);
    expect(batch.get('o-1')).toEqual(fold([registered, activated, assigned]));
  });

  it('moves to a new version with the same behaviour under a new collection', () => {
    const v7 = billingProjections(7);
    expect([v7.organizations.version, v7.resellers.version, v7.users.version]).toEqual([7, 7, 7]);
    expect(fold([registered, activated], v7.organizations)).toEqual(fold([registered, activated]));
    expect(() => billingProjections(0)).toThrow(RangeError);
  });
});
