import { OrganizationsEventTypes, type ResellerCreatedV1 } from '@broker/contracts';
import { envelopeFromEvent, type IntegrationEventMapper } from '@broker/messaging';
import type { ResellerEvent } from './resellers/domain/reseller.events';

/** The one place where internal events of this service become integration events (or stay internal). */
export const organizationsEventMapper: IntegrationEventMapper = (recorded) => {
  const event = { type: recorded.type, data: recorded.data } as ResellerEvent;
  switch (event.type) {
    case 'ResellerCreated': {
      const { resellerId, name, currency, notificationEmail, supportEmail, createdAt } = event.data;
      const data: ResellerCreatedV1 = { resellerId, name, currency, notificationEmail, supportEmail, createdAt };
      return envelopeFromEvent(recorded, OrganizationsEventTypes.resellerCreated, data);
    }
    case 'ResellerPropertiesChanged':
      return null;
    default:
      return null;
  }
};
