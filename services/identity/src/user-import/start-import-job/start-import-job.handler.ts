import { Injectable } from '@nestjs/common';
import type { ImportJobSummary, StartImportJobRequest } from '@broker/contracts';
import { currentContext, newCorrelationId } from '@broker/platform';
import { CreateOrganizationUserHandler } from '../../users/create-organization-user/create-organization-user.handler';
import { ImportJobConflictError, ImportJobPartsMissingError } from '../domain/import-job.errors';
import { ImportJobRunner } from '../run-import-jobs/import-job-runner';
import { ImportJobDocuments, summaryOf, USER_IMPORT_JOBS, type ImportJobDocument } from '../shared/import-job-documents';

/**
 * Starts a job whose parts are all staged: from here identity imports it to the end, whatever becomes of the
 * request that started it. Starting a started job again answers it as it is now.
 */
@Injectable()
export class StartImportJobHandler {
  constructor(
    private readonly organizationUsers: CreateOrganizationUserHandler,
    private readonly documents: ImportJobDocuments,
    private readonly runner: ImportJobRunner,
  ) {}

  async start(request: StartImportJobRequest, at = new Date()): Promise<ImportJobSummary> {
    const { actor, organizationId, jobId, format, parts } = request;
    await this.organizationUsers.prepare(actor, organizationId);
    const existing = await this.documents.job(jobId);
    if (existing) {
      if (existing.data.organizationId !== organizationId || existing.data.actor.userId !== actor.userId) throw new ImportJobConflictError(jobId);
      return summaryOf(existing.data);
    }
    let total = 0;
    const missing: number[] = [];
    for (let part = 0; part < parts; part++) {
      const staged = await this.documents.part(jobId, part);
      if (!staged || staged.data.organizationId !== organizationId || staged.data.actorId !== actor.userId) missing.push(part);
      else total += staged.data.rows.length + staged.data.readFailed.length;
    }
    if (missing.length > 0) throw new ImportJobPartsMissingError(jobId, missing);

    const job: ImportJobDocument = {
      id: jobId,
      organizationId,
      actor,
      correlationId: currentContext()?.correlationId ?? newCorrelationId(),
      format,
      status: 'running',
      parts,
      nextPart: 0,
      total,
      processed: 0,
      createdCount: 0,
      failedCount: 0,
      attempts: 0,
      startedAt: at.toISOString(),
    };
    await this.documents.store.upsert(USER_IMPORT_JOBS.name, jobId, job);
    this.runner.kick(jobId);
    return summaryOf(job);
  }
}
