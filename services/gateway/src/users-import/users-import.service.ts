import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import {
  USER_IMPORT_CHUNK_ROWS,
  UserImportRpc,
  type ActorDto,
  type FailedImportRow,
  type ImportedUser,
  type ImportUserRowDto,
  type ImportUsersResult,
} from '@broker/contracts';
import { RpcCallError, RpcClient } from '@broker/messaging';
import { ActorAssertionRenewal } from '../auth/actor-assertion-renewal';
import { chunkRows } from './import-file/chunk-rows';
import type { ImportFormat } from './import-file/import-format';
import { readImportFile } from './import-file/read-import-file';

/** At most this many user rows per file. */
export const MAX_IMPORT_ROWS = 10_000;
/** Bytes of JSON per request to identity, well below NATS's default 1 MB payload limit. */
const MAX_CHUNK_BYTES = 512 * 1024;
/** One chunk of 250 rows, all with passwords to hash two at a time, takes seconds; this leaves room for a busy service. */
const CHUNK_TIMEOUT_MS = 120_000;
/** The whole import: 10,000 rows with passwords fit; beyond it the remaining rows are reported as not imported. */
const IMPORT_BUDGET_MS = 15 * 60_000;

export interface ImportUsersOutcome extends ImportUsersResult {
  format: ImportFormat;
}

/**
 * Reads the uploaded file and sends its rows to identity in chunks, one after the other, so each message stays
 * small and one import never takes more than its share of the identity service. The first chunk also checks the
 * actor's right to the organization (403 / 404 for the whole request; a file whose rows all failed here is still
 * checked, with an empty chunk). Once a chunk has succeeded, a later failure (the service went away, the time
 * budget ran out) no longer throws away what was done: the rows not confirmed are reported as failed, and
 * importing the same file again finishes them (rows already created then fail as existing users).
 */
@Injectable()
export class UsersImportService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly logger: PinoLogger,
    private readonly assertions: ActorAssertionRenewal,
  ) {
    logger.setContext('UsersImport');
  }

  /** `authorization`: the request's bearer token, to renew its actor assertion when the import outlives it. */
  async importCsv(actor: ActorDto, organizationId: string, text: string, authorization?: string): Promise<ImportUsersOutcome> {
    const started = Date.now();
    const file = readImportFile(text, { maxRows: MAX_IMPORT_ROWS });
    const importId = randomUUID();
    const chunks = chunkRows(file.rows, { maxRows: USER_IMPORT_CHUNK_ROWS, maxBytes: MAX_CHUNK_BYTES });
    if (chunks.length === 0) chunks.push([]);
    this.logger.info({ importId, organizationId, format: file.format, rows: file.rows.length + file.failed.length, chunks: chunks.length }, 'Importing users');

    const created: ImportedUser[] = [];
    const failed: FailedImportRow[] = [...file.failed];
    let done = 0;
    for (const [index, rows] of chunks.entries()) {
      if (index > 0 && Date.now() - started > IMPORT_BUDGET_MS) {
        failed.push(...notImported(chunks.slice(index).flat(), 'Not imported: the import ran out of time; import the file again to add the remaining rows'));
        break;
      }
      try {
        await this.assertions.renewIfExpiring(authorization);
        const result = await this.rpc.call(
          UserImportRpc.importChunk,
          { actor, organizationId, importId, rows },
          { timeoutMs: CHUNK_TIMEOUT_MS },
        );
        created.push(...result.created);
        failed.push(...result.failed);
        done += 1;
      } catch (error) {
        if (done === 0) throw error;
        const reason = error instanceof RpcCallError && error.status === 503 ? 'the identity service did not answer in time' : 'the import stopped';
        this.logger.warn({ importId, err: error, chunk: index }, 'Import stopped part-way');
        failed.push(...notImported(chunks.slice(index).flat(), `Not confirmed: ${reason}; import the file again to finish (rows already created then fail as existing users)`));
        break;
      }
    }
    created.sort((a, b) => a.row - b.row);
    failed.sort((a, b) => a.row - b.row);
    this.logger.info({ importId, organizationId, created: created.length, failed: failed.length, ms: Date.now() - started }, 'Imported users');
    return { format: file.format, created, failed };
  }
}

function notImported(rows: readonly ImportUserRowDto[], message: string): FailedImportRow[] {
  return rows.map((r) => ({ row: r.row, errors: [{ field: 'row', message }] }));
}
