import { Injectable } from '@nestjs/common';
import type { FailedImportRow, GetImportJobRequest, ImportedUser, ImportJobPage } from '@broker/contracts';
import { CreateOrganizationUserHandler } from '../../users/create-organization-user/create-organization-user.handler';
import { ImportJobNotFoundError } from '../domain/import-job.errors';
import { ImportJobDocuments, summaryOf } from '../shared/import-job-documents';

/** Results per answer: well below the NATS payload limit even when every row failed with several reasons. */
const MAX_PAGE_BYTES = 400 * 1024;

/**
 * A job's progress and the results of its finished parts, for whoever may import into its organization. A long
 * result comes in pages of whole parts: the answer names the part to ask from next.
 */
@Injectable()
export class GetImportJobQuery {
  constructor(
    private readonly organizationUsers: CreateOrganizationUserHandler,
    private readonly documents: ImportJobDocuments,
  ) {}

  async get(request: GetImportJobRequest): Promise<ImportJobPage> {
    const { actor, organizationId, jobId } = request;
    await this.organizationUsers.prepare(actor, organizationId);
    const job = (await this.documents.job(jobId))?.data;
    if (!job || job.organizationId !== organizationId) throw new ImportJobNotFoundError(jobId);

    const created: ImportedUser[] = [];
    const failed: FailedImportRow[] = [];
    let bytes = 0;
    let part = request.fromPart ?? 0;
    for (; part < job.nextPart; part++) {
      const outcome = (await this.documents.part(jobId, part))?.data.outcome;
      if (!outcome) continue;
      const size = Buffer.byteLength(JSON.stringify(outcome), 'utf8');
      if (bytes > 0 && bytes + size > MAX_PAGE_BYTES) break;
      created.push(...outcome.created);
      failed.push(...outcome.failed);
      bytes += size;
    }
    return { job: summaryOf(job), created, failed, nextPart: part < job.nextPart ? part : null };
  }
}
