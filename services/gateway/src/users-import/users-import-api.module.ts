import { Module } from '@nestjs/common';
import { UsersImportController } from './users-import.controller';
import { UsersImportService } from './users-import.service';

/** POST /organizations/{orgId}/users/import. */
@Module({ controllers: [UsersImportController], providers: [UsersImportService] })
export class UsersImportApiModule {}
