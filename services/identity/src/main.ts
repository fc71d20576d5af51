import { runService } from '@broker/runtime';
import { BootstrapPlatformAdmin } from './bootstrap/bootstrap-platform-admin';
import { IdentityConfig } from './identity.config';
import { IdentityModule } from './identity.module';
import { identityEventMapper } from './integration-event-mapper';
import { CredentialStore } from './passwords/credential-store';
import { RESELLER_DIRECTORY, resellerDirectoryHandlers } from './resellers/reseller-directory.consumer';

void runService({
  service: 'identity',
  configClass: IdentityConfig,
  module: IdentityModule,
  background: async (runtime, get) => {
    await get(CredentialStore).ensure();
    await runtime.documentStore.ensureCollection(RESELLER_DIRECTORY);
    return { mapper: identityEventMapper, consumers: [{ name: 'organizations', from: 'organizations', handlers: resellerDirectoryHandlers }] };
  },
  afterStart: (get, logger) => get(BootstrapPlatformAdmin).run(logger),
});
