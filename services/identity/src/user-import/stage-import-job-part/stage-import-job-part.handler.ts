import { Injectable } from '@nestjs/common';
import type { StagedImportJobPart, StageImportJobPartRequest } from '@broker/contracts';
import { CreateOrganizationUserHandler } from '../../users/create-organization-user/create-organization-user.handler';
import { ImportJobConflictError } from '../domain/import-job.errors';
import { ImportJobDocuments, partDocumentId, USER_IMPORT_JOB_PARTS, type ImportJobPartDocument } from '../shared/import-job-documents';

/**
 * Keeps one part of an uploaded file's rows until the job starts. Staging the same part again (a retried request)
 * replaces it while the job has not started, and changes nothing after.
 */
@Injectable()
export class StageImportJobPartHandler {
  constructor(
    private readonly organizationUsers: CreateOrganizationUserHandler,
    private readonly documents: ImportJobDocuments,
  ) {}

  async stage(request: StageImportJobPartRequest): Promise<StagedImportJobPart> {
    const { actor, organizationId, jobId, part, rows, readFailed } = request;
    await this.organizationUsers.prepare(actor, organizationId);
    const job = await this.documents.job(jobId);
    if (job) {
      if (job.data.organizationId !== organizationId || job.data.actor.userId !== actor.userId) throw new ImportJobConflictError(jobId);
      return { jobId, part };
    }
    const existing = await this.documents.part(jobId, part);
    if (existing && (existing.data.organizationId !== organizationId || existing.data.actorId !== actor.userId)) throw new ImportJobConflictError(jobId);
    const document: ImportJobPartDocument = { jobId, organizationId, actorId: actor.userId, part, rows, readFailed, outcome: null };
    await this.documents.store.upsert(USER_IMPORT_JOB_PARTS.name, partDocumentId(jobId, part), document);
    return { jobId, part };
  }
}
