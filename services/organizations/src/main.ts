import { BaseServiceConfig } from '@broker/platform';
import { runService } from '@broker/runtime';
import { organizationsEventMapper } from './integration-event-mapper';
import { OrganizationsModule } from './organizations.module';
import { resellerListProjection } from './resellers/reseller-list/reseller-list.projection';

void runService({
  service: 'organizations',
  configClass: BaseServiceConfig,
  module: OrganizationsModule,
  background: () => ({ mapper: organizationsEventMapper, projections: [resellerListProjection] }),
});
