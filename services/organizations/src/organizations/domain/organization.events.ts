/** How a domain came to be the organization's: added by its reseller, proven by a DNS TXT record, approved by the reseller. */
export type InternetDomainProof = 'reseller' | 'dns_txt' | 'reseller_approval';

/** Internal events of the organization stream (`organization-<id>`). They never leave the organizations service. */
export type OrganizationEvent =
  | {
      type: 'OrganizationCreated';
      data: {
        organizationId: string;
        resellerId: string;
        name: string;
        primaryDomain: string;
        notificationEmail: string;
        billingStartDate: string;
        createdBy: string;
        createdAt: string;
      };
    }
  | {
      type: 'OrganizationChanged';
      data: { organizationId: string; resellerId: string; name: string; notificationEmail: string; changedBy: string; changedAt: string };
    }
  /**
   * A domain that is the organization's for sure (it holds the platform-wide claim): vouched for by the reseller,
   * or proven. proof: absent on events from before verification existed.
   */
  | { type: 'OrganizationDomainAdded'; data: { organizationId: string; resellerId: string; domain: string; addedBy: string; addedAt: string; proof?: InternetDomainProof } }
  /** A domain an organization admin asked for: it claims nothing until proven by DNS or approved by the reseller. */
  | {
      type: 'OrganizationDomainVerificationRequested';
      data: { organizationId: string; resellerId: string; domain: string; token: string; requestedBy: string; requestedAt: string };
    }
  | { type: 'OrganizationDomainVerificationCancelled'; data: { organizationId: string; resellerId: string; domain: string; cancelledBy: string; cancelledAt: string } }
  | { type: 'OrganizationDomainRemoved'; data: { organizationId: string; resellerId: string; domain: string; removedBy: string; removedAt: string } }
  | {
      type: 'OrganizationSettingsChanged';
      data: { organizationId: string; resellerId: string; notificationEmail: string; billingStartDate: string; changedBy: string; changedAt: string };
    };

export const ORGANIZATION_EVENT_TYPES: readonly OrganizationEvent['type'][] = [
  'OrganizationCreated',
  'OrganizationChanged',
  'OrganizationDomainAdded',
  'OrganizationDomainRemoved',
  'OrganizationSettingsChanged',
];

export const organizationStreamId = (organizationId: string): string => `organization-${organizationId}`;
