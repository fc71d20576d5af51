import { OrganizationsEvents, SupportRequestEvents } from '@broker/contracts';
import { envelopeFromEvent, type IntegrationEventMapper } from '@broker/messaging';
import type { InternetDomainClaimEvent } from './organizations/domain/internet-domain-claim.events';
import type { OrganizationEvent } from './organizations/domain/organization.events';
import type { ResellerEvent } from './resellers/domain/reseller.events';
import type { SupportRequestEvent } from './support-requests/domain/support-request.events';

type ServiceEvent = ResellerEvent | OrganizationEvent | InternetDomainClaimEvent | SupportRequestEvent;

/**
 * The one place where internal events of this service become integration events (or stay internal). The tenant
 * of every envelope comes from the event's own data, so it is right even for events recorded without metadata.
 */
export const organizationsEventMapper: IntegrationEventMapper = (recorded) => {
  const event = { type: recorded.type, data: recorded.data } as ServiceEvent;
  switch (event.type) {
    case 'ResellerCreated': {
      const { resellerId, name, currency, notificationEmail, supportEmail, createdAt } = event.data;
      return envelopeFromEvent(
        recorded,
        OrganizationsEvents.resellerCreated,
        { resellerId, name, currency, notificationEmail, supportEmail, createdAt },
        { resellerId, organizationId: null },
      );
    }
    case 'ResellerPropertiesChanged': {
      const { resellerId, notificationEmail, supportEmail, changedBy, changedAt } = event.data;
      return envelopeFromEvent(
        recorded,
        OrganizationsEvents.resellerPropertiesChanged,
        { resellerId, notificationEmail, supportEmail, changedBy, changedAt },
        { resellerId, organizationId: null },
      );
    }
    case 'OrganizationCreated': {
      const { organizationId, resellerId, name, primaryDomain, notificationEmail, billingStartDate, createdBy, createdAt } = event.data;
      return envelopeFromEvent(
        recorded,
        OrganizationsEvents.organizationCreated,
        { organizationId, resellerId, name, primaryDomain, notificationEmail, billingStartDate, createdBy, createdAt },
        { resellerId, organizationId },
      );
    }
    case 'OrganizationChanged': {
      const { organizationId, resellerId, name, notificationEmail, changedBy, changedAt } = event.data;
      return envelopeFromEvent(
        recorded,
        OrganizationsEvents.organizationChanged,
        { organizationId, resellerId, name, notificationEmail, changedBy, changedAt },
        { resellerId, organizationId },
      );
    }
    case 'OrganizationDomainAdded': {
      const { organizationId, resellerId, domain, addedBy, addedAt } = event.data;
      return envelopeFromEvent(
        recorded,
        OrganizationsEvents.organizationDomainAdded,
        { organizationId, resellerId, domain, addedBy, addedAt },
        { resellerId, organizationId },
      );
    }
    case 'OrganizationDomainRemoved': {
      const { organizationId, resellerId, domain, removedBy, removedAt } = event.data;
      return envelopeFromEvent(
        recorded,
        OrganizationsEvents.organizationDomainRemoved,
        { organizationId, resellerId, domain, removedBy, removedAt },
        { resellerId, organizationId },
      );
    }
    case 'OrganizationSettingsChanged': {
      const { organizationId, resellerId, notificationEmail, billingStartDate, changedBy, changedAt } = event.data;
      return envelopeFromEvent(
        recorded,
        OrganizationsEvents.organizationSettingsChanged,
        { organizationId, resellerId, notificationEmail, billingStartDate, changedBy, changedAt },
        { resellerId, organizationId },
      );
    }
    case 'SupportRequestCreated': {
      const { supportRequestId, resellerId, organizationId, organizationName, requestedBy, subject, message, subscription, createdAt } = event.data;
      return envelopeFromEvent(
        recorded,
        SupportRequestEvents.supportRequestCreated,
        { supportRequestId, resellerId, organizationId, organizationName, requestedBy, subject, message, subscription, createdAt },
        { resellerId, organizationId },
      );
    }
    // Domain claims are this service's way of keeping domains unique; others learn of domains from the events above.
    case 'DomainClaimed':
    case 'DomainReleased':
      return null;
    default:
      return null;
  }
};
