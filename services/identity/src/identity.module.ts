import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { BootstrapPlatformAdmin } from './bootstrap/bootstrap-platform-admin';
import { UserImportModule } from './user-import/user-import.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [UsersModule, AuthModule, UserImportModule],
  providers: [BootstrapPlatformAdmin],
})
export class IdentityModule {}
