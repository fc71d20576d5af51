import type { OrganizationView } from '@broker/contracts';
import type { Projection } from '@broker/read-models';
import { ORGANIZATION_EVENT_TYPES, type OrganizationEvent } from '../domain/organization.events';

/** One entry per organization; `nameKey` (lower case) sorts the list. */
export interface OrganizationListEntry extends OrganizationView {
  nameKey: string;
}

/**
 * The organizations of each reseller, for the reseller admin's list. Only this projection writes these documents;
 * the users count per organization is kept apart (organization-user-counts) and joined when the list is read.
 */
export const organizationListProjection: Projection<OrganizationListEntry> = {
  name: 'organization_list',
  version: 1,
  handles: ORGANIZATION_EVENT_TYPES,
  indexes: { resellerId: 'string', nameKey: 'string', createdAt: 'string' },
  documentId: (event) => String(event.data.organizationId),
  evolve(document, recorded) {
    const event = { type: recorded.type, data: recorded.data } as OrganizationEvent;
    if (event.type === 'OrganizationCreated') {
      const { organizationId, resellerId, name, primaryDomain, notificationEmail, billingStartDate, createdAt } = event.data;
      return { id: organizationId, resellerId, name, nameKey: name.toLowerCase(), primaryDomain, domains: [primaryDomain], notificationEmail, billingStartDate, createdAt };
    }
    if (!document) return null;
    switch (event.type) {
      case 'OrganizationChanged':
        return { ...document, name: event.data.name, nameKey: event.data.name.toLowerCase(), notificationEmail: event.data.notificationEmail };
      case 'OrganizationDomainAdded':
        return document.domains.includes(event.data.domain) ? document : { ...document, domains: [...document.domains, event.data.domain] };
      case 'OrganizationDomainRemoved':
        return { ...document, domains: document.domains.filter((d) => d !== event.data.domain) };
      case 'OrganizationSettingsChanged':
        return { ...document, notificationEmail: event.data.notificationEmail, billingStartDate: event.data.billingStartDate };
      default:
        return document; // domains asked for but not yet proven are not the organization's
    }
  },
};
