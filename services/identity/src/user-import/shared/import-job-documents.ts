import { Inject, Injectable } from '@nestjs/common';
import type {
  ActorDto,
  FailedImportRow,
  ImportJobSummary,
  ImportUserRowDto,
  ImportUsersResult,
  UserImportJobFormat,
  UserImportJobStatus,
} from '@broker/contracts';
import type { DocumentStore, StoredDocument } from '@broker/read-models';
import { DOCUMENT_STORE } from '@broker/runtime';

/**
 * Import jobs and their parts: write-side state of the identity service (docs/adr/0033), kept in its own schema.
 * A job document holds the progress; each part document holds its rows until they are imported, then its outcome.
 */
export const USER_IMPORT_JOBS = { name: 'user_import_jobs', indexes: { status: 'string' } } as const;
export const USER_IMPORT_JOB_PARTS = { name: 'user_import_job_parts', indexes: {} } as const;

export interface ImportJobDocument {
  id: string;
  organizationId: string;
  /** Who started the job: the job works in their name to the end. */
  actor: ActorDto;
  correlationId: string;
  format: UserImportJobFormat;
  status: UserImportJobStatus;
  parts: number;
  /** The first part without an outcome. */
  nextPart: number;
  total: number;
  processed: number;
  createdCount: number;
  failedCount: number;
  /** Failed tries of `nextPart` in a row (the service or a store was away); the job fails after too many. */
  attempts: number;
  error?: string;
  startedAt: string;
  finishedAt?: string;
}

export interface ImportJobPartDocument {
  jobId: string;
  organizationId: string;
  actorId: string;
  part: number;
  rows: ImportUserRowDto[];
  readFailed: FailedImportRow[];
  /** Set once the part is imported; its rows are then dropped. */
  outcome: ImportUsersResult | null;
}

export function partDocumentId(jobId: string, part: number): string {
  return `${jobId}:${part}`;
}

export function summaryOf(job: ImportJobDocument): ImportJobSummary {
  const { id, organizationId, format, status, total, processed, createdCount, failedCount, error, startedAt, finishedAt } = job;
  return {
    id,
    organizationId,
    format,
    status,
    total,
    processed,
    createdCount,
    failedCount,
    ...(error !== undefined ? { error } : {}),
    startedAt,
    ...(finishedAt !== undefined ? { finishedAt } : {}),
  };
}

@Injectable()
export class ImportJobDocuments {
  constructor(@Inject(DOCUMENT_STORE) readonly store: DocumentStore) {}

  async ensure(): Promise<void> {
    await this.store.ensureCollection(USER_IMPORT_JOBS);
    await this.store.ensureCollection(USER_IMPORT_JOB_PARTS);
  }

  job(jobId: string): Promise<StoredDocument<ImportJobDocument> | null> {
    return this.store.get<ImportJobDocument>(USER_IMPORT_JOBS.name, jobId);
  }

  part(jobId: string, part: number): Promise<StoredDocument<ImportJobPartDocument> | null> {
    return this.store.get<ImportJobPartDocument>(USER_IMPORT_JOB_PARTS.name, partDocumentId(jobId, part));
  }

  async runningJobIds(limit: number): Promise<string[]> {
    const page = await this.store.find<ImportJobDocument>(USER_IMPORT_JOBS.name, { where: { status: 'running' }, limit });
    return page.items.map((item) => item.id);
  }
}
