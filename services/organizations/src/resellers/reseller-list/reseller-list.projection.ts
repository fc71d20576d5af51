import type { ResellerView } from '@broker/contracts';
import type { Projection } from '@broker/read-models';
import type { ResellerEvent } from '../domain/reseller.events';

/** All resellers, for the platform admin's list. */
export const resellerListProjection: Projection<ResellerView> = {
  name: 'reseller_list',
  version: 1,
  handles: ['ResellerCreated', 'ResellerPropertiesChanged'],
  indexes: { name: 'string', createdAt: 'string' },
  documentId: (event) => String(event.data.resellerId),
  evolve(document, recorded) {
    const event = { type: recorded.type, data: recorded.data } as ResellerEvent;
    switch (event.type) {
      case 'ResellerCreated': {
        const { resellerId, name, currency, notificationEmail, supportEmail, createdAt } = event.data;
        return { id: resellerId, name, currency, notificationEmail, supportEmail, createdAt };
      }
      case 'ResellerPropertiesChanged':
        return document && { ...document, notificationEmail: event.data.notificationEmail, supportEmail: event.data.supportEmail };
    }
  },
};
