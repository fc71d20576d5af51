import type { OrganizationLookup, OrganizationOwnSettings, OrganizationView } from '@broker/contracts';
import type { ActiveOrganization } from '../domain/organization.decider';

export function toOrganizationView(state: ActiveOrganization): OrganizationView {
  const { id, resellerId, name, primaryDomain, domains, notificationEmail, billingStartDate, createdAt } = state;
  return { id, resellerId, name, primaryDomain, domains: [...domains], notificationEmail, billingStartDate, createdAt };
}

export function toOrganizationLookup(state: ActiveOrganization): OrganizationLookup {
  const { id, resellerId, name, primaryDomain, domains, notificationEmail } = state;
  return { organizationId: id, resellerId, name, primaryDomain, domains: [...domains], notificationEmail };
}

export function toOwnSettings(state: ActiveOrganization, version: string): OrganizationOwnSettings {
  return { organizationId: state.id, notificationEmail: state.notificationEmail, billingStartDate: state.billingStartDate, version };
}
