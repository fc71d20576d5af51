import type { Projection } from '@broker/read-models';
import type { BillingFactEvent } from '../recording/billing-events';

export interface BillingUserDocument {
  userId: string;
  organizationId: string;
  resellerId: string;
  username: string;
}

/** Usernames for the lines of a report grouped by user (kept after a user is deleted: the charges stay theirs). */
export const billingUserProjection: Projection<BillingUserDocument> = {
  name: 'billing_users',
  version: 1,
  handles: ['OrganizationUserRegistered'],
  indexes: { organizationId: 'string' },
  documentId: (event) => (typeof event.data.userId === 'string' ? event.data.userId : null),
  evolve(document, recorded) {
    const event = { type: recorded.type, data: recorded.data } as BillingFactEvent;
    if (event.type !== 'OrganizationUserRegistered') return document;
    const { userId, organizationId, resellerId, username } = event.data;
    return { userId, organizationId, resellerId, username };
  },
};
