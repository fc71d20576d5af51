import type { Projection } from '@broker/read-models';
import type { BillingFactEvent } from '../recording/billing-events';

export interface ResellerBillingDocument {
  resellerId: string;
  name: string;
  currency: string;
}

/** A reseller's name and currency (reports and summaries answer in it). */
export const resellerBillingProjection: Projection<ResellerBillingDocument> = {
  name: 'billing_resellers',
  version: 1,
  handles: ['ResellerRegistered'],
  documentId: (event) => (typeof event.data.resellerId === 'string' ? event.data.resellerId : null),
  evolve(document, recorded) {
    const event = { type: recorded.type, data: recorded.data } as BillingFactEvent;
    if (event.type !== 'ResellerRegistered') return document;
    return { resellerId: event.data.resellerId, name: event.data.name, currency: event.data.currency };
  },
};
