import { Module } from '@nestjs/common';
import { ActorAssertionRenewal } from '../auth/actor-assertion-renewal';
import { UsersImportJobsController } from './users-import-jobs.controller';
import { UsersImportJobsService } from './users-import-jobs.service';
import { UsersImportController } from './users-import.controller';
import { UsersImportService } from './users-import.service';

/** POST /organizations/{orgId}/users/import, and the same import as a job: /organizations/{orgId}/user-import-jobs. */
@Module({ controllers: [UsersImportController, UsersImportJobsController], providers: [UsersImportService, UsersImportJobsService, ActorAssertionRenewal] })
export class UsersImportApiModule {}
