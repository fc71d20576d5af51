import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { billingDetailsDecider, type BillingDetailsFields } from './billing-details.decider';

const spec = DeciderSpecification.for(billingDetailsDecider);
const at = new Date('2026-03-16T09:00:00Z');
const details: BillingDetailsFields = { billingContactName: 'Bea Billing', billingEmail: 'billing@contoso.example', purchaseOrderReference: 'PO-4711', invoiceAddress: 'Main Street 1\n12345 Springfield' };
const tenant = { organizationId: 'o-1', resellerId: 'r-1' };
const changed = (fields = details, by = 'u-1') => ({ type: 'BillingDetailsChanged' as const, data: { ...tenant, ...fields, changedBy: by, changedAt: at.toISOString() } });

describe('billing details decider', () => {
  it('records the details the first time and every change after', () => {
    spec.when({ type: 'SetBillingDetails', data: { ...tenant, ...details }, actorId: 'u-1', at }).then([changed()]);
    const next = { ...details, purchaseOrderReference: null };
    spec.given([changed()]).when({ type: 'SetBillingDetails', data: { ...tenant, ...next }, actorId: 'u-2', at }).then([changed(next, 'u-2')]);
  });

  it('records nothing when nothing changes', () => {
    spec.given([changed()]).when({ type: 'SetBillingDetails', data: { ...tenant, ...details }, actorId: 'u-2', at }).then([]);
  });

  it('keeps who set them last and when', () => {
    const state = billingDetailsDecider.evolve(billingDetailsDecider.initialState(), changed());
    expect(state).toEqual({ status: 'set', details, updatedAt: at.toISOString(), updatedBy: 'u-1' });
  });
});
