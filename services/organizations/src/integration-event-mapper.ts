import {
  OrganizationsEventTypes,
  type OrganizationChangedV1,
  type OrganizationCreatedV1,
  type OrganizationDomainAddedV1,
  type OrganizationDomainRemovedV1,
  type OrganizationSettingsChangedV1,
  type ResellerCreatedV1,
  type ResellerPropertiesChangedV1,
  SupportRequestEventTypes,
  type SupportRequestCreatedV1,
} from '@broker/contracts';
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
      const data: ResellerCreatedV1 = { resellerId, name, currency, notificationEmail, supportEmail, createdAt };
      return envelopeFromEvent(recorded, OrganizationsEventTypes.resellerCreated, data, { resellerId, organizationId: null });
    }
    case 'ResellerPropertiesChanged': {
      const { resellerId, notificationEmail, supportEmail, changedBy, changedAt } = event.data;
      const data: ResellerPropertiesChangedV1 = { resellerId, notificationEmail, supportEmail, changedBy, changedAt };
      return envelopeFromEvent(recorded, OrganizationsEventTypes.resellerPropertiesChanged, data, { resellerId, organizationId: null });
    }
    case 'OrganizationCreated': {
      const { organizationId, resellerId, name, primaryDomain, notificationEmail, billingStartDate, createdBy, createdAt } = event.data;
      const data: OrganizationCreatedV1 = { organizationId, resellerId, name, primaryDomain, notificationEmail, billingStartDate, createdBy, createdAt };
      return envelopeFromEvent(recorded, OrganizationsEventTypes.organizationCreated, data, { resellerId, organizationId });
    }
    case 'OrganizationChanged': {
      const { organizationId, resellerId, name, notificationEmail, changedBy, changedAt } = event.data;
      const data: OrganizationChangedV1 = { organizationId, resellerId, name, notificationEmail, changedBy, changedAt };
      return envelopeFromEvent(recorded, OrganizationsEventTypes.organizationChanged, data, { resellerId, organizationId });
    }
    case 'OrganizationDomainAdded': {
      const { organizationId, resellerId, domain, addedBy, addedAt } = event.data;
      const data: OrganizationDomainAddedV1 = { organizationId, resellerId, domain, addedBy, addedAt };
      return envelopeFromEvent(recorded, OrganizationsEventTypes.organizationDomainAdded, data, { resellerId, organizationId });
    }
    case 'OrganizationDomainRemoved': {
      const { organizationId, resellerId, domain, removedBy, removedAt } = event.data;
      const data: OrganizationDomainRemovedV1 = { organizationId, resellerId, domain, removedBy, removedAt };
      return envelopeFromEvent(recorded, OrganizationsEventTypes.organizationDomainRemoved, data, { resellerId, organizationId });
    }
    case 'OrganizationSettingsChanged': {
      const { organizationId, resellerId, notificationEmail, billingStartDate, changedBy, changedAt } = event.data;
      const data: OrganizationSettingsChangedV1 = { organizationId, resellerId, notificationEmail, billingStartDate, changedBy, changedAt };
      return envelopeFromEvent(recorded, OrganizationsEventTypes.organizationSettingsChanged, data, { resellerId, organizationId });
    }
    case 'SupportRequestCreated': {
      const { supportRequestId, resellerId, organizationId, organizationName, requestedBy, subject, message, subscription, createdAt } = event.data;
      const data: SupportRequestCreatedV1 = { supportRequestId, resellerId, organizationId, organizationName, requestedBy, subject, message, subscription, createdAt };
      return envelopeFromEvent(recorded, SupportRequestEventTypes.supportRequestCreated, data, { resellerId, organizationId });
    }
    // Domain claims are this service's way of keeping domains unique; others learn of domains from the events above.
    case 'DomainClaimed':
    case 'DomainReleased':
      return null;
    default:
      return null;
  }
};
