import { ServiceModule } from '@broker/runtime';
import { organizationsEventMapper } from './integration-event-mapper';
import { AddInternetDomainController } from './organizations/add-internet-domain/add-internet-domain.controller';
import { AddInternetDomainHandler } from './organizations/add-internet-domain/add-internet-domain.handler';
import { ApproveInternetDomainController } from './organizations/approve-internet-domain/approve-internet-domain.controller';
import { ApproveInternetDomainHandler } from './organizations/approve-internet-domain/approve-internet-domain.handler';
import { ListInternetDomainsController } from './organizations/list-internet-domains/list-internet-domains.controller';
import { DnsInternetDomainOwnershipResolver } from './organizations/internet-domain-ownership/dns-internet-domain-ownership-resolver';
import { InternetDomainOwnershipResolver } from './organizations/internet-domain-ownership/internet-domain-ownership-resolver';
import { InternetDomainAdoption } from './organizations/shared/internet-domain-adoption';
import { VerifyInternetDomainController } from './organizations/verify-internet-domain/verify-internet-domain.controller';
import { VerifyInternetDomainHandler } from './organizations/verify-internet-domain/verify-internet-domain.handler';
import { ChangeOrganizationController } from './organizations/change-organization/change-organization.controller';
import { CreateOrganizationController } from './organizations/create-organization/create-organization.controller';
import { CreateOrganizationHandler } from './organizations/create-organization/create-organization.handler';
import { GetOrganizationController } from './organizations/get-organization/get-organization.controller';
import { LookupOrganizationController } from './organizations/lookup-organization/lookup-organization.controller';
import { ListOrganizationsController } from './organizations/list-organizations/list-organizations.controller';
import { organizationListProjection } from './organizations/organization-list/organization-list.projection';
import { OrganizationRepository } from './organizations/organization.repository';
import { OrganizationSettingsController } from './organizations/organization-settings/organization-settings.controller';
import { RemoveInternetDomainController } from './organizations/remove-internet-domain/remove-internet-domain.controller';
import { RemoveInternetDomainHandler } from './organizations/remove-internet-domain/remove-internet-domain.handler';
import { ORGANIZATION_USER_COUNTS, ORGANIZATION_USER_MEMBERS, OrganizationUserCountsConsumer } from './organizations/user-counts/organization-user-counts.consumer';
import { CreateResellerController } from './resellers/create-reseller/create-reseller.controller';
import { CreateResellerHandler } from './resellers/create-reseller/create-reseller.handler';
import { GetResellerController } from './resellers/get-reseller/get-reseller.controller';
import { ResellerCurrencyController } from './resellers/reseller-currency/reseller-currency.controller';
import { ResellerPropertiesController } from './resellers/reseller-properties/reseller-properties.controller';
import { ListResellersController } from './resellers/list-resellers/list-resellers.controller';
import { resellerListProjection } from './resellers/reseller-list/reseller-list.projection';
import { CreateSupportRequestController } from './support-requests/create-support-request/create-support-request.controller';
import { CreateSupportRequestHandler } from './support-requests/create-support-request/create-support-request.handler';
import { SubscriptionFacts } from './support-requests/create-support-request/subscription-facts';
import { ListSupportAccessesController } from './support-accesses/list-support-accesses/list-support-accesses.controller';
import { RecordSupportAccessController } from './support-accesses/record-support-access/record-support-access.controller';
import { RecordSupportAccessHandler } from './support-accesses/record-support-access/record-support-access.handler';

/** The organizations service: its use cases, read models and consumers. */
@ServiceModule({
  controllers: [
    CreateResellerController,
    GetResellerController,
    ListResellersController,
    ResellerPropertiesController,
    ResellerCurrencyController,
    CreateOrganizationController,
    GetOrganizationController,
    LookupOrganizationController,
    ListOrganizationsController,
    ChangeOrganizationController,
    AddInternetDomainController,
    RemoveInternetDomainController,
    ListInternetDomainsController,
    VerifyInternetDomainController,
    ApproveInternetDomainController,
    OrganizationSettingsController,
    CreateSupportRequestController,
    RecordSupportAccessController,
    ListSupportAccessesController,
  ],
  providers: [
    CreateResellerHandler,
    OrganizationRepository,
    CreateOrganizationHandler,
    AddInternetDomainHandler,
    RemoveInternetDomainHandler,
    CreateSupportRequestHandler,
    SubscriptionFacts,
    InternetDomainAdoption,
    VerifyInternetDomainHandler,
    ApproveInternetDomainHandler,
    RecordSupportAccessHandler,
    { provide: InternetDomainOwnershipResolver, useClass: DnsInternetDomainOwnershipResolver },
  ],
  mapper: organizationsEventMapper,
  projections: [resellerListProjection, organizationListProjection],
  consumers: [OrganizationUserCountsConsumer],
  collections: [ORGANIZATION_USER_COUNTS, ORGANIZATION_USER_MEMBERS],
})
export class OrganizationsModule {}
