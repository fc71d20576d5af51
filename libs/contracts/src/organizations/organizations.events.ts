import { event } from '../event-contract';

/**
 * Integration events published by the organizations service. Every envelope carries `resellerId`, and
 * `organizationId` for the organization events.
 */
export const OrganizationsEvents = {
  resellerCreated: event<ResellerCreatedV1>('organizations.reseller-created.v1'),
  resellerPropertiesChanged: event<ResellerPropertiesChangedV1>('organizations.reseller-properties-changed.v1'),
  organizationCreated: event<OrganizationCreatedV1>('organizations.organization-created.v1'),
  organizationChanged: event<OrganizationChangedV1>('organizations.organization-changed.v1'),
  organizationDomainAdded: event<OrganizationDomainAddedV1>('organizations.organization-domain-added.v1'),
  organizationDomainRemoved: event<OrganizationDomainRemovedV1>('organizations.organization-domain-removed.v1'),
  organizationSettingsChanged: event<OrganizationSettingsChangedV1>('organizations.organization-settings-changed.v1'),
} as const;

export interface ResellerCreatedV1 {
  resellerId: string;
  name: string;
  currency: string;
  notificationEmail: string;
  supportEmail: string;
  createdAt: string;
}

export interface ResellerPropertiesChangedV1 {
  resellerId: string;
  notificationEmail: string;
  supportEmail: string;
  changedBy: string;
  changedAt: string;
}

export interface OrganizationCreatedV1 {
  organizationId: string;
  resellerId: string;
  name: string;
  /** Lower case. */
  primaryDomain: string;
  notificationEmail: string;
  /** `YYYY-MM-DD`. */
  billingStartDate: string;
  createdBy: string;
  createdAt: string;
}

/** Name and notification e-mail after the change (both, whichever changed). */
export interface OrganizationChangedV1 {
  organizationId: string;
  resellerId: string;
  name: string;
  notificationEmail: string;
  changedBy: string;
  changedAt: string;
}

export interface OrganizationDomainAddedV1 {
  organizationId: string;
  resellerId: string;
  domain: string;
  addedBy: string;
  addedAt: string;
}

export interface OrganizationDomainRemovedV1 {
  organizationId: string;
  resellerId: string;
  domain: string;
  removedBy: string;
  removedAt: string;
}

/** The settings the organizations service owns, after the change. */
export interface OrganizationSettingsChangedV1 {
  organizationId: string;
  resellerId: string;
  notificationEmail: string;
  billingStartDate: string;
  changedBy: string;
  changedAt: string;
}
