import { runService } from '@broker/runtime';
import { actorAssertionPrivateKey } from './auth/actor-assertion/actor-assertion-key';
import { BootstrapPlatformAdmin } from './bootstrap/bootstrap-platform-admin';
import { IdentityConfig } from './identity.config';
import { IdentityModule } from './identity.module';
import { identityEventMapper } from './integration-event-mapper';
import { CredentialStore } from './passwords/credential-store';
import { RESELLER_DIRECTORY, resellerDirectoryHandlers } from './resellers/reseller-directory.consumer';
import { licenceAssignmentHandlers, SUBSCRIPTION_HOLDERS } from './users/user-list/licence-assignments.consumer';
import { organizationUserListProjection } from './users/user-list/organization-user-list.projection';
import { USER_SERVICES_COUNT } from './users/user-list/user-services-count';

void runService({
  service: 'identity',
  configClass: IdentityConfig,
  module: IdentityModule,
  background: async (runtime, get) => {
    await get(CredentialStore).ensure();
    await runtime.documentStore.ensureCollection(RESELLER_DIRECTORY);
    await runtime.documentStore.ensureCollection(USER_SERVICES_COUNT);
    await runtime.documentStore.ensureCollection(SUBSCRIPTION_HOLDERS);
    return {
      mapper: identityEventMapper,
      projections: [organizationUserListProjection],
      consumers: [
        { name: 'organizations', from: 'organizations', handlers: resellerDirectoryHandlers },
        { name: 'catalog', from: 'catalog', handlers: licenceAssignmentHandlers },
      ],
    };
  },
  afterStart: (get, logger) => get(BootstrapPlatformAdmin).run(logger),
  actorAssertionKey: actorAssertionPrivateKey,
});
