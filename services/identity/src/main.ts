import { runService } from '@broker/runtime';
import { actorAssertionPrivateKey } from './auth/actor-assertion/actor-assertion-key';
import { BootstrapPlatformAdmin } from './bootstrap/bootstrap-platform-admin';
import { IdentityConfig } from './identity.config';
import { IdentityModule } from './identity.module';

void runService({
  service: 'identity',
  configClass: IdentityConfig,
  module: IdentityModule,
  afterStart: (get, logger) => get(BootstrapPlatformAdmin).run(logger),
  actorAssertionKey: actorAssertionPrivateKey,
});
