import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { ImportUsersController } from './import-users/import-users.controller';
import { ImportUsersHandler } from './import-users/import-users.handler';

/** CSV import of users (our template and the Microsoft 365 admin center export), one chunk of rows per request. */
@Module({
  imports: [UsersModule],
  controllers: [ImportUsersController],
  providers: [ImportUsersHandler],
})
export class UserImportModule {}
