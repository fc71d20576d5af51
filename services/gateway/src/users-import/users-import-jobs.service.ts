import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import {
  USER_IMPORT_CHUNK_ROWS,
  UserImportJobRpc,
  type ActorDto,
  type FailedImportRow,
  type ImportedUser,
  type ImportJobPage,
  type ImportJobSummary,
  type ImportUserRowDto,
} from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { chunkRows } from './import-file/chunk-rows';
import { readImportFile } from './import-file/read-import-file';
import { MAX_IMPORT_ROWS } from './users-import.service';

/** Bytes of JSON per staged part, well below NATS's default 1 MB payload limit. */
const MAX_PART_BYTES = 512 * 1024;

/** A job as the API shows it: without its organization (the path names it) and with its results so far. */
export type ImportJobOutcome = Omit<ImportJobSummary, 'organizationId' | 'createdCount' | 'failedCount'> & {
  created: ImportedUser[];
  failed: FailedImportRow[];
};

/** A job just started: its id, size and state. */
export type ImportJobAccepted = Omit<ImportJobSummary, 'organizationId' | 'createdCount' | 'failedCount'>;

/**
 * The user import as a job (docs/adr/0033): the file is read here as for the one-request import, its rows are
 * staged with identity part by part, and the job is started there. Identity then imports it to the end on its
 * own; the job's progress and results are read back from identity, page by page.
 */
@Injectable()
export class UsersImportJobsService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('UsersImportJobs');
  }

  async start(actor: ActorDto, organizationId: string, text: string): Promise<ImportJobAccepted> {
    const file = readImportFile(text, { maxRows: MAX_IMPORT_ROWS });
    const jobId = randomUUID();
    const limits = { maxRows: USER_IMPORT_CHUNK_ROWS, maxBytes: MAX_PART_BYTES };
    const parts: { rows: ImportUserRowDto[]; readFailed: FailedImportRow[] }[] = [
      ...chunkRows(file.rows, limits).map((rows) => ({ rows, readFailed: [] })),
      ...chunkRows(file.failed, limits).map((readFailed) => ({ rows: [], readFailed })),
    ];
    for (const [part, { rows, readFailed }] of parts.entries()) {
      await this.rpc.call(UserImportJobRpc.stagePart, { actor, organizationId, jobId, part, rows, readFailed });
    }
    const job = await this.rpc.call(UserImportJobRpc.start, { actor, organizationId, jobId, format: file.format, parts: parts.length });
    this.logger.info({ jobId, organizationId, format: file.format, rows: job.total, parts: parts.length }, 'Started a user import job');
    return publicSummary(job);
  }

  async get(actor: ActorDto, organizationId: string, jobId: string): Promise<ImportJobOutcome> {
    const created: ImportedUser[] = [];
    const failed: FailedImportRow[] = [];
    let fromPart: number | null = 0;
    let job: ImportJobSummary | undefined;
    while (fromPart !== null) {
      const page: ImportJobPage = await this.rpc.call(UserImportJobRpc.get, { actor, organizationId, jobId, fromPart });
      created.push(...page.created);
      failed.push(...page.failed);
      job = page.job;
      fromPart = page.nextPart;
    }
    // The last page's progress covers every part whose results were read.
    return { ...publicSummary(job!), created: created.sort((a, b) => a.row - b.row), failed: failed.sort((a, b) => a.row - b.row) };
  }
}

function publicSummary(job: ImportJobSummary): ImportJobAccepted {
  const { organizationId: _organizationId, createdCount: _created, failedCount: _failed, ...rest } = job;
  return rest;
}
