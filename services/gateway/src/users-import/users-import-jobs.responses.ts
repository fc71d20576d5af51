import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { USER_IMPORT_JOB_FORMATS, USER_IMPORT_JOB_STATUSES } from '@broker/contracts';
import { Documents } from '../openapi/documents-contract';
import type { ImportJobAccepted, ImportJobOutcome } from './users-import-jobs.service';
import { FailedImportRowResponse, ImportedUserResponse } from './users-import.responses';

@Documents<ImportJobAccepted>()
export class ImportJobAcceptedResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: USER_IMPORT_JOB_FORMATS, description: 'The format the header row was recognised as' })
  format!: ImportJobAccepted['format'];

  @ApiProperty({
    enum: USER_IMPORT_JOB_STATUSES,
    description: '`running` until every row has an outcome, then `done`; `failed` when the job stopped early (the organization is gone, or identity kept failing): the rows without an outcome were not imported',
  })
  status!: ImportJobAccepted['status'];

  @ApiProperty({ example: 300, description: 'User rows in the file' })
  total!: number;

  @ApiProperty({ example: 250, description: 'Rows with an outcome (created or failed) so far; equals `total` once `done`' })
  processed!: number;

  @ApiPropertyOptional({ description: 'Why a failed job stopped' })
  error?: string;

  @ApiProperty({ example: '2026-12-07T09:00:00.000Z' })
  startedAt!: string;

  @ApiPropertyOptional({ example: '2026-12-07T09:00:41.000Z', description: 'When the job ended (done or failed)' })
  finishedAt?: string;
}

@Documents<ImportJobOutcome>()
export class ImportJobResponse extends ImportJobAcceptedResponse {
  @ApiProperty({ type: [ImportedUserResponse], description: 'Users created so far, in row order' })
  created!: ImportedUserResponse[];

  @ApiProperty({ type: [FailedImportRowResponse], description: 'Rows not imported so far, in row order, each with its reasons' })
  failed!: FailedImportRowResponse[];
}
