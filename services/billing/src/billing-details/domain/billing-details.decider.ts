import type { Decider } from '@broker/event-sourcing';

export interface BillingDetailsFields {
  billingContactName: string;
  billingEmail: string;
  purchaseOrderReference: string | null;
  invoiceAddress: string;
}

export type BillingDetailsEvent = {
  type: 'BillingDetailsChanged';
  data: BillingDetailsFields & { organizationId: string; resellerId: string; changedBy: string; changedAt: string };
};

export type SetBillingDetails = {
  type: 'SetBillingDetails';
  data: BillingDetailsFields & { organizationId: string; resellerId: string };
  actorId: string;
  at: Date;
};

export type BillingDetailsState =
  | { status: 'none' }
  | { status: 'set'; details: BillingDetailsFields; updatedAt: string; updatedBy: string };

export const billingDetailsStreamId = (organizationId: string): string => `billing-details-${organizationId}`;

const FIELDS: readonly (keyof BillingDetailsFields)[] = ['billingContactName', 'billingEmail', 'purchaseOrderReference', 'invoiceAddress'];

/** An organization's billing contact, PO reference and invoice address ("set to"; an unchanged request records nothing). */
export const billingDetailsDecider: Decider<SetBillingDetails, BillingDetailsEvent, BillingDetailsState> = {
  initialState: () => ({ status: 'none' }),
  decide(command, state) {
    const { organizationId, resellerId, ...details } = command.data;
    if (state.status === 'set' && FIELDS.every((field) => state.details[field] === details[field])) return [];
    return [{ type: 'BillingDetailsChanged', data: { organizationId, resellerId, ...details, changedBy: command.actorId, changedAt: command.at.toISOString() } }];
  },
  evolve(_state, event) {
    const { billingContactName, billingEmail, purchaseOrderReference, invoiceAddress, changedAt, changedBy } = event.data;
    return { status: 'set', details: { billingContactName, billingEmail, purchaseOrderReference, invoiceAddress }, updatedAt: changedAt, updatedBy: changedBy };
  },
};
