import type { KeyObject } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { FailedImportRow, ImportUsersResult } from '@broker/contracts';
import { DomainError } from '@broker/event-sourcing';
import { RpcCallError, signActorAssertion } from '@broker/messaging';
import { runWithContext } from '@broker/platform';
import type { LeaderLease } from '@broker/read-models';
import { LOGGER, SERVICE_CONFIG, SERVICE_RUNTIME, type ServiceRuntime } from '@broker/runtime';
import { actorAssertionPrivateKey } from '../../auth/actor-assertion/actor-assertion-key';
import type { IdentityConfig } from '../../identity.config';
import { ImportUsersHandler } from '../import-users/import-users.handler';
import {
  ImportJobDocuments,
  partDocumentId,
  USER_IMPORT_JOB_PARTS,
  USER_IMPORT_JOBS,
  type ImportJobDocument,
  type ImportJobPartDocument,
} from '../shared/import-job-documents';

/** How often running jobs without a worker (their service instance stopped) are looked for. */
const SWEEP_MS = 5_000;
/** Failed tries of one part in a row before the job is given up. */
const MAX_ATTEMPTS = 10;
/** Jobs picked up per sweep. */
const SWEEP_LIMIT = 20;
/** How long a shutdown waits for the parts in progress; an unfinished part is imported again by the next worker. */
const SHUTDOWN_WAIT_MS = 10_000;

/**
 * Works import jobs to the end, one part after the other. Each job has a lease, so one worker in the whole
 * deployment imports it; a worker that stops (shutdown, crash) leaves it running, and the next sweep of any
 * identity instance picks it up at its first part without an outcome. A part imported again creates nothing twice:
 * user ids derive from the job and the row. Each part's outcome and the job's progress commit together, fenced on
 * the lease, so a worker that lost its lease records nothing.
 */
@Injectable()
export class ImportJobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly working = new Map<string, Promise<void>>();
  private readonly privateKey: KeyObject;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private ensured = false;

  constructor(
    private readonly documents: ImportJobDocuments,
    private readonly importUsers: ImportUsersHandler,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.privateKey = actorAssertionPrivateKey(config);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    const all = Promise.allSettled([...this.working.values()]);
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_WAIT_MS).unref())]);
  }

  /** Starts working the job now, in the background. */
  kick(jobId: string): void {
    if (this.stopping || this.working.has(jobId)) return;
    const work = this.work(jobId)
      .catch((error: unknown) => this.logger.warn({ err: error, jobId }, 'Import job paused; a later sweep resumes it'))
      .finally(() => this.working.delete(jobId));
    this.working.set(jobId, work);
  }

  /** Picks up running jobs no worker has (also after this service restarted). */
  async sweep(): Promise<void> {
    if (this.stopping) return;
    try {
      if (!this.ensured) {
        await this.documents.ensure();
        this.ensured = true;
      }
      for (const jobId of await this.documents.runningJobIds(SWEEP_LIMIT)) this.kick(jobId);
    } catch (error) {
      this.logger.warn({ err: error }, 'Looking for import jobs to resume failed');
    }
  }

  private async work(jobId: string): Promise<void> {
    const lease = await this.runtime.leaderLock.tryAcquire(`user-import-job:${jobId}`);
    if (!lease) return;
    try {
      while (!this.stopping && lease.held) {
        const stored = await this.documents.job(jobId);
        if (!stored || stored.data.status !== 'running') return;
        const job = stored.data;
        const part = job.nextPart < job.parts ? await this.documents.part(jobId, job.nextPart) : null;
        if (!part) {
          await this.save(lease, { ...job, status: job.nextPart < job.parts ? 'failed' : 'done', error: job.nextPart < job.parts ? `Part ${job.nextPart} of the file is missing` : undefined, finishedAt: new Date().toISOString() });
          return;
        }
        let result: ImportUsersResult;
        try {
          result = await this.importPart(job, part.data);
        } catch (error) {
          await this.failedTry(lease, job, error);
          return;
        }
        await this.record(lease, job, part.data, result);
      }
    } finally {
      await lease.release();
    }
  }

  private async importPart(job: ImportJobDocument, part: ImportJobPartDocument): Promise<ImportUsersResult> {
    if (part.rows.length === 0) return { created: [], failed: [] };
    // The job acts for the user who started it, with an assertion of them signed here for each part (ADR 0019).
    const actorAssertion = signActorAssertion(job.actor, this.privateKey, this.config.ACTOR_ASSERTION_TTL_SECONDS);
    const context = { correlationId: job.correlationId, actor: job.actor.userId, actorAssertion };
    return runWithContext(context, () => this.importUsers.importChunk({ actor: job.actor, organizationId: job.organizationId, importId: job.id, rows: part.rows }));
  }

  /** The part's outcome and the job's progress, in one unit fenced on the lease. */
  private async record(lease: LeaderLease, job: ImportJobDocument, part: ImportJobPartDocument, result: ImportUsersResult): Promise<void> {
    const failed: FailedImportRow[] = [...part.readFailed, ...result.failed].sort((a, b) => a.row - b.row);
    const created = [...result.created].sort((a, b) => a.row - b.row);
    const nextPart = job.nextPart + 1;
    const done = nextPart >= job.parts;
    const next: ImportJobDocument = {
      ...job,
      nextPart,
      processed: job.processed + part.rows.length + part.readFailed.length,
      createdCount: job.createdCount + created.length,
      failedCount: job.failedCount + failed.length,
      attempts: 0,
      ...(done ? { status: 'done' as const, finishedAt: new Date().toISOString() } : {}),
    };
    await this.documents.store.unitOfWork(async (unit) => {
      await unit.fence(lease);
      await unit.upsert<ImportJobPartDocument>(USER_IMPORT_JOB_PARTS.name, partDocumentId(job.id, part.part), { ...part, rows: [], outcome: { created, failed } });
      await unit.upsert<ImportJobDocument>(USER_IMPORT_JOBS.name, job.id, next);
    });
    if (done) this.logger.info({ jobId: job.id, organizationId: job.organizationId, created: next.createdCount, failed: next.failedCount }, 'Import job done');
  }

  /**
   * A refusal of the organizations service (the organization is gone, the actor may no longer import there) ends
   * the job; anything else (a service or store away) is tried again by a later sweep, up to MAX_ATTEMPTS times.
   */
  private async failedTry(lease: LeaderLease, job: ImportJobDocument, error: unknown): Promise<void> {
    const attempts = job.attempts + 1;
    const refused = error instanceof DomainError || (error instanceof RpcCallError && error.status < 500);
    const givenUp = refused || attempts >= MAX_ATTEMPTS;
    this.logger.warn({ err: error, jobId: job.id, part: job.nextPart, attempts, givenUp }, 'Importing a part of an import job failed');
    const message = error instanceof Error ? error.message : 'unknown error';
    await this.save(lease, {
      ...job,
      attempts,
      ...(givenUp ? { status: 'failed' as const, error: `The import stopped at row part ${job.nextPart + 1} of ${job.parts}: ${message}`, finishedAt: new Date().toISOString() } : {}),
    });
  }

  private async save(lease: LeaderLease, job: ImportJobDocument): Promise<void> {
    const { error, ...rest } = job;
    const document: ImportJobDocument = error === undefined ? rest : { ...rest, error };
    await this.documents.store.unitOfWork(async (unit) => {
      await unit.fence(lease);
      await unit.upsert<ImportJobDocument>(USER_IMPORT_JOBS.name, job.id, document);
    });
  }
}
