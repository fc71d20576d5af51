import { Module } from '@nestjs/common';
import { ActorAssertionRenewal } from '../auth/actor-assertion-renewal';
import { UsersImportController } from './users-import.controller';
import { UsersImportService } from './users-import.service';

/** POST /organizations/{orgId}/users/import. */
@Module({ controllers: [UsersImportController], providers: [UsersImportService, ActorAssertionRenewal] })
export class UsersImportApiModule {}
