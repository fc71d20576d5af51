import { ServiceModule } from '@broker/runtime';
import { UsersModule } from '../users/users.module';
import { GetImportJobController } from './get-import-job/get-import-job.controller';
import { GetImportJobQuery } from './get-import-job/get-import-job.query';
import { ImportUsersController } from './import-users/import-users.controller';
import { ImportUsersHandler } from './import-users/import-users.handler';
import { ImportJobRunner } from './run-import-jobs/import-job-runner';
import { ImportJobDocuments, USER_IMPORT_JOB_PARTS, USER_IMPORT_JOBS } from './shared/import-job-documents';
import { StageImportJobPartController } from './stage-import-job-part/stage-import-job-part.controller';
import { StageImportJobPartHandler } from './stage-import-job-part/stage-import-job-part.handler';
import { StartImportJobController } from './start-import-job/start-import-job.controller';
import { StartImportJobHandler } from './start-import-job/start-import-job.handler';

/**
 * CSV import of users (our template and the Microsoft 365 admin center export): one chunk of rows per request, or
 * a job of staged parts that identity works through in the background (docs/adr/0033).
 */
@ServiceModule({
  imports: [UsersModule],
  controllers: [ImportUsersController, StageImportJobPartController, StartImportJobController, GetImportJobController],
  providers: [ImportUsersHandler, ImportJobDocuments, StageImportJobPartHandler, StartImportJobHandler, GetImportJobQuery, ImportJobRunner],
  collections: [USER_IMPORT_JOBS, USER_IMPORT_JOB_PARTS],
})
export class UserImportModule {}
