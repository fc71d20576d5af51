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
  | { type: 'OrganizationDomainAdded'; data: { organizationId: string; resellerId: string; domain: string; addedBy: string; addedAt: string } }
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
