import {
  backlogAfter,
  comparePositions,
  formatPosition,
  parsePosition,
  START,
  type Backlog,
  type EventStore,
  type GlobalPosition,
} from '@broker/event-sourcing';
import { CheckpointConflictError, LeaseFencedError, type DocumentStore } from '../document-store/document-store.port';
import type { LeaderLease, LeaderLock } from './leader-lock.port';
import { abortableSleep as sleep, runWhileLeader } from './leader-loop';
import { projectionCollection, type Projection } from './projection';
import { loadDocuments, writeDocuments } from './batch-documents';
import { batchDocumentIds, evolveBatch, projectionCheckpointName, retryDelay } from './projection-batch';

/** The logging the runner needs; pino's logger fits as is (context object first, then the message). */
export interface ProjectionRunnerLogger {
  info(context: Record<string, unknown>, message: string): void;
  warn(context: Record<string, unknown>, message: string): void;
  error(context: Record<string, unknown>, message: string): void;
}

export interface ProjectionRunnerOptions<Doc> {
  projection: Projection<Doc>;
  eventStore: EventStore;
  documentStore: DocumentStore;
  leaderLock: LeaderLock;
  /** Events read and applied per transaction. Default 200. */
  batchSize?: number;
  /** Longest wait for new events when caught up, and the standby's retry interval for the lock. Default 1000. */
  idleWaitMs?: number;
  /** First delay after a failed batch; it doubles per consecutive failure up to maxRetryDelayMs. Default 500. */
  retryDelayMs?: number;
  /** Default 30000. */
  maxRetryDelayMs?: number;
  logger?: ProjectionRunnerLogger;
}

export class ProjectionWaitTimeoutError extends Error {
  readonly code = 'READ_MODEL.PROJECTION_WAIT_TIMEOUT';
  constructor(readonly checkpoint: string, readonly timeoutMs: number, what: string) {
    super(`Projection ${checkpoint} did not reach ${what} within ${timeoutMs} ms`);
    this.name = 'ProjectionWaitTimeoutError';
  }
}

const silentLogger: ProjectionRunnerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Keeps one projection version's collection up to date. Only the instance holding the leader lease works; the
 * others stand by and retry it. Each batch (its documents and its checkpoint, compare-and-set) commits in one unit
 * of work fenced on the lease, so a batch is applied exactly once, and an instance that lost its lease (frozen,
 * then resumed) commits nothing more.
 */
export class ProjectionRunner<Doc> {
  /** `<name>_v<version>` */
  readonly collection: string;
  /** `projection:<name>:v<version>`, also the leader-lock name. */
  readonly checkpointName: string;

  private readonly projection: Projection<Doc>;
  private readonly eventStore: EventStore;
  private readonly documentStore: DocumentStore;
  private readonly leaderLock: LeaderLock;
  private readonly batchSize: number;
  private readonly idleWaitMs: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly logger: ProjectionRunnerLogger;

  private stopController: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private lease: LeaderLease | null = null;
  private readsStarted = 0;
  private lastCaughtUpRead = 0;
  private readonly progressListeners = new Set<() => void>();

  constructor(options: ProjectionRunnerOptions<Doc>) {
    this.projection = options.projection;
    this.eventStore = options.eventStore;
    this.documentStore = options.documentStore;
    this.leaderLock = options.leaderLock;
    this.batchSize = positive('batchSize', options.batchSize ?? 200);
    this.idleWaitMs = positive('idleWaitMs', options.idleWaitMs ?? 1000);
    this.retryDelayMs = positive('retryDelayMs', options.retryDelayMs ?? 500);
    this.maxRetryDelayMs = positive('maxRetryDelayMs', options.maxRetryDelayMs ?? 30_000);
    this.logger = options.logger ?? silentLogger;
    this.collection = projectionCollection(this.projection);
    this.checkpointName = projectionCheckpointName(this.projection);
  }

  get isRunning(): boolean {
    return this.loop !== null;
  }

  /** True while this instance holds the leader lease (checked against the clock on every read). */
  get isLeader(): boolean {
    return this.lease?.held ?? false;
  }

  /** Starts working in the background (standby until the lock is held). Calling it again does nothing. */
  start(): void {
    if (this.loop) return;
    const controller = new AbortController();
    this.stopController = controller;
    this.loop = this.run(controller.signal).catch((error: unknown) => {
      this.logger.error({ ...this.context(), err: error }, 'projection runner stopped unexpectedly');
    });
  }

  /** Lets the batch in flight finish (commit or roll back), then releases the lock. */
  async stop(): Promise<void> {
    const loop = this.loop;
    if (!loop) return;
    this.stopController?.abort();
    await loop;
    this.loop = null;
    this.stopController = null;
  }

  /** The stored checkpoint (shared by every instance), null before the first batch. */
  async checkpoint(): Promise<GlobalPosition | null> {
    const stored = await this.documentStore.checkpoints.read(this.checkpointName);
    return stored === null ? null : parsePosition(stored);
  }

  /**
   * How far the stored checkpoint is behind the events this projection handles: how many (counted up to `limit`) and
   * how old the oldest of them is (0 when there are none). Read on any instance, leader or not.
   */
  async backlog(limit = 1000): Promise<Backlog> {
    return backlogAfter(this.eventStore, (await this.checkpoint()) ?? START, limit, this.projection.handles);
  }

  /**
   * Resolves once the stored checkpoint is at or after `position` (e.g. an append's position: read your writes).
   * Works on any instance, leader or not. Throws ProjectionWaitTimeoutError after `timeoutMs`.
   */
  async waitForPosition(position: GlobalPosition, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = await this.checkpoint();
      if (comparePositions(current ?? START, position) >= 0) return;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new ProjectionWaitTimeoutError(this.checkpointName, timeoutMs, formatPosition(position));
      await this.nextProgress(Math.min(remaining, 250));
    }
  }

  /**
   * Resolves once this instance, as leader, has finished a read that started after the call and found nothing
   * more to read, with everything before it committed. Throws ProjectionWaitTimeoutError after `timeoutMs`
   * (also when another instance is the leader: use waitForPosition there).
   */
  async waitUntilCaughtUp(timeoutMs: number): Promise<void> {
    const after = this.readsStarted;
    const deadline = Date.now() + timeoutMs;
    while (this.lastCaughtUpRead <= after) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new ProjectionWaitTimeoutError(this.checkpointName, timeoutMs, 'the end of the log');
      await this.nextProgress(remaining);
    }
  }

  private run(stop: AbortSignal): Promise<void> {
    return runWhileLeader({
      leaderLock: this.leaderLock,
      name: this.checkpointName,
      stop,
      standbyMs: this.idleWaitMs,
      onLockError: (error) => this.logger.warn({ ...this.context(), err: error }, 'projection leader lock unavailable'),
      onLease: (lease) => {
        this.lease = lease;
      },
      lead: async (lease) => {
        this.logger.info(this.context(), 'projection runner is leading');
        await this.lead(lease, stop);
        if (!stop.aborted) this.logger.warn(this.context(), 'projection runner lost its leader lease');
      },
    });
  }

  private async lead(lease: LeaderLease, stop: AbortSignal): Promise<void> {
    const signal = AbortSignal.any([stop, lease.signal]);
    let ensured = false;
    let failures = 0;
    while (!signal.aborted) {
      let full: boolean;
      try {
        if (!ensured) {
          await this.documentStore.ensureCollection({ name: this.collection, indexes: { ...(this.projection.indexes ?? {}) } });
          ensured = true;
        }
        full = await this.runBatch(lease);
        failures = 0;
      } catch (error) {
        if (error instanceof LeaseFencedError) {
          this.logger.warn({ ...this.context(), err: error }, 'projection batch refused: the lease has passed on; standing by');
          return;
        }
        failures++;
        const delay = retryDelay(failures, this.retryDelayMs, this.maxRetryDelayMs);
        const context = { ...this.context(), err: error, failures, retryInMs: delay };
        if (error instanceof CheckpointConflictError) {
          this.logger.warn(context, 'projection batch rolled back: another instance advanced the checkpoint');
        } else {
          this.logger.error(context, 'projection batch failed and was rolled back');
        }
        await sleep(delay, signal);
        continue;
      }
      if (!full && !signal.aborted) {
        try {
          await this.eventStore.waitForEvents(this.idleWaitMs, signal);
        } catch (error) {
          if (!signal.aborted) {
            this.logger.warn({ ...this.context(), err: error }, 'waiting for events failed');
            await sleep(this.idleWaitMs, signal);
          }
        }
      }
    }
  }

  /** One read and, when it got anywhere, one transaction. Returns whether the read was full. */
  private async runBatch(lease: LeaderLease): Promise<boolean> {
    const read = ++this.readsStarted;
    const stored = await this.documentStore.checkpoints.read(this.checkpointName);
    const after = stored === null ? START : parsePosition(stored);
    const result = await this.eventStore.readAll({ after, maxCount: this.batchSize, eventTypes: this.projection.handles });
    if (comparePositions(result.lastPosition, after) > 0) {
      await this.documentStore.unitOfWork(async (uow) => {
        // First: refused when the lease is gone, and from here the lease cannot pass on before this unit ends.
        await uow.fence(lease);
        const loaded = await loadDocuments<Doc>(uow, this.collection, batchDocumentIds(this.projection, result.events));
        await writeDocuments(uow, this.collection, evolveBatch(this.projection, result.events, loaded), loaded);
        await uow.checkpoints.save(this.checkpointName, formatPosition(result.lastPosition), stored);
      });
    }
    if (!result.isFull) this.lastCaughtUpRead = Math.max(this.lastCaughtUpRead, read);
    this.notifyProgress();
    return result.isFull;
  }

  private nextProgress(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.progressListeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.progressListeners.add(done);
    });
  }

  private notifyProgress(): void {
    for (const listener of [...this.progressListeners]) listener();
  }

  private context(): Record<string, unknown> {
    return { projection: this.projection.name, version: this.projection.version, checkpoint: this.checkpointName };
  }
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`ProjectionRunner: ${name} must be a positive number`);
  return value;
}
