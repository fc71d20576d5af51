import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE, LeaderWork, LOGGER, SERVICE_CONFIG, SERVICE_RUNTIME, type ServiceRuntime } from '@broker/runtime';
import type { NotificationsConfig } from '../../notifications.config';
import { ACTIVITY_LOG } from '../activity-entry';

const LOCK = 'notifications:activity-retention';
const DAY_MS = 86_400_000;
/** Entries deleted per round trip. */
const BATCH = 500;

/** The moment before which entries are past their retention. */
export function retentionCutoff(now: Date, retentionDays: number): string {
  return new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
}

/**
 * Deletes activity entries older than ACTIVITY_RETENTION_DAYS, every ACTIVITY_RETENTION_INTERVAL_MS, on one replica
 * at a time (a lease); oldest first, a batch at a time, so a long backlog goes in steps.
 */
@Injectable()
export class ActivityRetention extends LeaderWork {
  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super({ runtime, logger, name: LOCK, what: 'activity retention', intervalMs: config.ACTIVITY_RETENTION_INTERVAL_MS });
  }

  override async look(signal?: AbortSignal): Promise<void> {
    await this.purge(new Date(), signal);
  }

  /** Deletes what is past retention at `now`; answers how many. */
  async purge(now: Date, signal?: AbortSignal): Promise<number> {
    const before = retentionCutoff(now, this.config.ACTIVITY_RETENTION_DAYS);
    let deleted = 0;
    while (!signal?.aborted) {
      const page = await this.documents.find(ACTIVITY_LOG.name, { range: { field: 'at', to: before }, sort: { field: 'at', direction: 'asc' }, limit: BATCH });
      if (page.items.length === 0) break;
      await this.documents.unitOfWork(async (uow) => {
        for (const { id } of page.items) await uow.delete(ACTIVITY_LOG.name, id);
      });
      deleted += page.items.length;
    }
    if (deleted > 0) this.logger.info({ deleted, before }, 'activity entries past their retention deleted');
    return deleted;
  }
}
