import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { ActorDto } from '../auth/actor';
import { ActorField } from '../shared/request-fields';
import { rpc } from '../rpc-contract';
import { ImportUserRowDto, USER_IMPORT_CHUNK_ROWS, type FailedImportRow, type ImportedUser } from './user-import.rpc';

/**
 * CSV import of users as a job (docs/adr/0033). The gateway reads the file, stages its rows with identity part by
 * part (each message stays small), then starts the job; identity works through the parts in the background,
 * recording each part's outcome durably, and answers the job's progress and results on request.
 */
export const UserImportJobRpc = {
  stagePart: rpc<StageImportJobPartRequest, StagedImportJobPart>('identity.user.import-job.stage-part', {
    errors: ['ORGANIZATION.NOT_FOUND', 'USER.FORBIDDEN', 'USER_IMPORT_JOB.CONFLICT'],
  }),
  start: rpc<StartImportJobRequest, ImportJobSummary>('identity.user.import-job.start', {
    errors: ['ORGANIZATION.NOT_FOUND', 'USER.FORBIDDEN', 'USER_IMPORT_JOB.CONFLICT', 'USER_IMPORT_JOB.INVALID_PARTS'],
  }),
  get: rpc<GetImportJobRequest, ImportJobPage>('identity.user.import-job.get', { errors: ['ORGANIZATION.NOT_FOUND', 'USER.FORBIDDEN', 'USER_IMPORT_JOB.NOT_FOUND'] }),
} as const;

export const USER_IMPORT_JOB_FORMATS = ['template', 'microsoft365'] as const;
export type UserImportJobFormat = (typeof USER_IMPORT_JOB_FORMATS)[number];

export const USER_IMPORT_JOB_STATUSES = ['running', 'done', 'failed'] as const;
export type UserImportJobStatus = (typeof USER_IMPORT_JOB_STATUSES)[number];

/** At most this many parts per job: 10,000 rows of 250, and as many parts again for rows the gateway already failed. */
export const USER_IMPORT_JOB_MAX_PARTS = 100;

/** A row the gateway already failed while reading the file (its shape alone is wrong). */
export class ReadFailedRowDto {
  @IsInt()
  @Min(1)
  row!: number;

  @IsArray()
  @ArrayMaxSize(20)
  errors!: { field: string; message: string }[];
}

export class StageImportJobPartRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;

  /** Chosen by the gateway for one uploaded file; user ids derive from it and the row number. */
  @IsUUID()
  jobId!: string;

  @IsInt()
  @Min(0)
  @Max(USER_IMPORT_JOB_MAX_PARTS - 1)
  part!: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ImportUserRowDto)
  @ArrayMaxSize(USER_IMPORT_CHUNK_ROWS)
  rows!: ImportUserRowDto[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ReadFailedRowDto)
  @ArrayMaxSize(USER_IMPORT_CHUNK_ROWS)
  readFailed!: ReadFailedRowDto[];
}

export interface StagedImportJobPart {
  jobId: string;
  part: number;
}

export class StartImportJobRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;

  @IsUUID()
  jobId!: string;

  @IsIn(USER_IMPORT_JOB_FORMATS)
  format!: UserImportJobFormat;

  /** Parts staged, numbered 0..parts-1; the job starts only when all of them are there. */
  @IsInt()
  @Min(1)
  @Max(USER_IMPORT_JOB_MAX_PARTS)
  parts!: number;
}

export class GetImportJobRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;

  @IsUUID()
  jobId!: string;

  /** The first part whose results to include (a long result comes in several pages). */
  @IsOptional()
  @IsInt()
  @Min(0)
  fromPart?: number;
}

export interface ImportJobSummary {
  id: string;
  organizationId: string;
  format: UserImportJobFormat;
  status: UserImportJobStatus;
  /** User rows in the file. */
  total: number;
  /** Rows with an outcome so far; `total` once the job is done. */
  processed: number;
  createdCount: number;
  failedCount: number;
  /** Why a failed job stopped (the rows without an outcome were not imported). */
  error?: string;
  startedAt: string;
  finishedAt?: string;
}

export interface ImportJobPage {
  job: ImportJobSummary;
  /** Results of the finished parts from `fromPart` on, in row order. */
  created: ImportedUser[];
  failed: FailedImportRow[];
  /** Ask again from this part for the rest of the results; null when these were the last. */
  nextPart: number | null;
}
