import {
  OrganizationsEventTypes,
  type IntegrationEventEnvelope,
  type OrganizationChangedV1,
  type OrganizationCreatedV1,
  type OrganizationSettingsChangedV1,
  type ResellerCreatedV1,
  type ResellerPropertiesChangedV1,
} from '@broker/contracts';
import type { IntegrationEventHandlers } from '@broker/messaging';
import { learn, ORGANIZATION_DIRECTORY, RESELLER_DIRECTORY, type OrganizationFacts, type ResellerFacts } from './directory';

/** Names and addresses of resellers (notification and support e-mails) and organizations, from the organizations service. */
export const organizationDirectoryHandlers: IntegrationEventHandlers = {
  [OrganizationsEventTypes.resellerCreated]: async ({ data }: IntegrationEventEnvelope<ResellerCreatedV1>, uow) => {
    const { resellerId, name, currency, notificationEmail, supportEmail, createdAt } = data;
    await learn<ResellerFacts>(uow, RESELLER_DIRECTORY, resellerId, { resellerId, name, currency, notificationEmail, supportEmail }, createdAt);
  },
  [OrganizationsEventTypes.resellerPropertiesChanged]: async ({ data }: IntegrationEventEnvelope<ResellerPropertiesChangedV1>, uow) => {
    const { resellerId, notificationEmail, supportEmail, changedAt } = data;
    await learn<ResellerFacts>(uow, RESELLER_DIRECTORY, resellerId, { resellerId, notificationEmail, supportEmail }, changedAt);
  },
  [OrganizationsEventTypes.organizationCreated]: async ({ data }: IntegrationEventEnvelope<OrganizationCreatedV1>, uow) => {
    const { organizationId, resellerId, name, primaryDomain, notificationEmail, createdAt } = data;
    await learn<OrganizationFacts>(uow, ORGANIZATION_DIRECTORY, organizationId, { organizationId, resellerId, name, primaryDomain, notificationEmail }, createdAt);
  },
  [OrganizationsEventTypes.organizationChanged]: async ({ data }: IntegrationEventEnvelope<OrganizationChangedV1>, uow) => {
    const { organizationId, resellerId, name, notificationEmail, changedAt } = data;
    await learn<OrganizationFacts>(uow, ORGANIZATION_DIRECTORY, organizationId, { organizationId, resellerId, name, notificationEmail }, changedAt);
  },
  [OrganizationsEventTypes.organizationSettingsChanged]: async ({ data }: IntegrationEventEnvelope<OrganizationSettingsChangedV1>, uow) => {
    const { organizationId, resellerId, notificationEmail, changedAt } = data;
    await learn<OrganizationFacts>(uow, ORGANIZATION_DIRECTORY, organizationId, { organizationId, resellerId, notificationEmail }, changedAt);
  },
};
