import { ServiceModule } from '@broker/runtime';
import { AuthModule } from './auth/auth.module';
import { BootstrapPlatformAdmin } from './bootstrap/bootstrap-platform-admin';
import { identityEventMapper } from './integration-event-mapper';
import { RESELLER_DIRECTORY, ResellerDirectoryConsumer } from './resellers/reseller-directory.consumer';
import { UserImportModule } from './user-import/user-import.module';
import { UsersModule } from './users/users.module';

/** The identity service; UsersModule declares the users' read models and consumers. */
@ServiceModule({
  imports: [UsersModule, AuthModule, UserImportModule],
  providers: [BootstrapPlatformAdmin],
  mapper: identityEventMapper,
  consumers: [ResellerDirectoryConsumer],
  collections: [RESELLER_DIRECTORY],
})
export class IdentityModule {}
