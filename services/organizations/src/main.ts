import { runService } from '@broker/runtime';
import { organizationsEventMapper } from './integration-event-mapper';
import { organizationListProjection } from './organizations/organization-list/organization-list.projection';
import { ORGANIZATION_USER_COUNTS, ORGANIZATION_USER_MEMBERS, organizationUserCountHandlers } from './organizations/user-counts/organization-user-counts.consumer';
import { OrganizationsConfig } from './organizations.config';
import { OrganizationsModule } from './organizations.module';
import { resellerListProjection } from './resellers/reseller-list/reseller-list.projection';

void runService({
  service: 'organizations',
  configClass: OrganizationsConfig,
  module: OrganizationsModule,
  background: async (runtime) => {
    await runtime.documentStore.ensureCollection(ORGANIZATION_USER_COUNTS);
    await runtime.documentStore.ensureCollection(ORGANIZATION_USER_MEMBERS);
    return {
      mapper: organizationsEventMapper,
      projections: [resellerListProjection, organizationListProjection],
      consumers: [{ name: 'identity-users', from: 'identity', handlers: organizationUserCountHandlers }],
    };
  },
});
