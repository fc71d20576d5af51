import { OrganizationsEvents } from '@broker/contracts';
import { eventHandlers, on } from '@broker/messaging';
import { learn, ORGANIZATION_DIRECTORY, RESELLER_DIRECTORY, type OrganizationFacts, type ResellerFacts } from './directory';

/** Names and addresses of resellers (notification and support e-mails) and organizations, from the organizations service. */
export const organizationDirectoryHandlers = eventHandlers(
  on(OrganizationsEvents.resellerCreated, async ({ data }, uow) => {
    const { resellerId, name, currency, notificationEmail, supportEmail, createdAt } = data;
    await learn<ResellerFacts>(uow, RESELLER_DIRECTORY, resellerId, { resellerId, name, currency, notificationEmail, supportEmail }, createdAt);
  }),
  on(OrganizationsEvents.resellerPropertiesChanged, async ({ data }, uow) => {
    const { resellerId, notificationEmail, supportEmail, changedAt } = data;
    await learn<ResellerFacts>(uow, RESELLER_DIRECTORY, resellerId, { resellerId, notificationEmail, supportEmail }, changedAt);
  }),
  on(OrganizationsEvents.organizationCreated, async ({ data }, uow) => {
    const { organizationId, resellerId, name, primaryDomain, notificationEmail, createdAt } = data;
    await learn<OrganizationFacts>(uow, ORGANIZATION_DIRECTORY, organizationId, { organizationId, resellerId, name, primaryDomain, notificationEmail }, createdAt);
  }),
  on(OrganizationsEvents.organizationChanged, async ({ data }, uow) => {
    const { organizationId, resellerId, name, notificationEmail, changedAt } = data;
    await learn<OrganizationFacts>(uow, ORGANIZATION_DIRECTORY, organizationId, { organizationId, resellerId, name, notificationEmail }, changedAt);
  }),
  on(OrganizationsEvents.organizationSettingsChanged, async ({ data }, uow) => {
    const { organizationId, resellerId, notificationEmail, changedAt } = data;
    await learn<OrganizationFacts>(uow, ORGANIZATION_DIRECTORY, organizationId, { organizationId, resellerId, notificationEmail }, changedAt);
  }),
);
