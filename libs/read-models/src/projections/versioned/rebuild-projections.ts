import { formatPosition, START, type EventStore } from '@broker/event-sourcing';
import type { DocumentStore } from '../../document-store/document-store.port';
import type { LeaderLease, LeaderLock } from '../leader-lock.port';
import { projectionCollection, type Projection } from '../projection';
import { projectionCheckpointName } from '../projection-batch';
import { ProjectionRunner, ProjectionWaitTimeoutError, type ProjectionRunnerLogger } from '../projection-runner';
import { CountingEventStore } from './counting-event-store';
import { ensureActiveVersion, switchActiveVersion, type VersionedProjections } from './versioned-projections';

export interface RebuildProgress {
  version: number;
  /** Events the new version's runners have read so far (all projections together). */
  eventsRead: number;
  elapsedMs: number;
  /** Projections that are not yet caught up. */
  pending: string[];
  /** Projections whose leader lock another process holds (another rebuild of the same version). */
  waitingForLock: string[];
}

export interface RebuildOptions {
  set: VersionedProjections;
  eventStore: EventStore;
  documentStore: DocumentStore;
  leaderLock: LeaderLock;
  /** Default: the active version + 1. */
  targetVersion?: number;
  batchSize?: number;
  /** Called about every `progressEveryMs` while replaying. Default 1000 ms. */
  onProgress?: (progress: RebuildProgress) => void;
  progressEveryMs?: number;
  logger?: ProjectionRunnerLogger;
  /** Stops waiting (and switches nothing) after this long. Default: no limit. */
  timeoutMs?: number;
}

export interface RebuildResult {
  from: number;
  to: number;
  eventsRead: number;
  elapsedMs: number;
}

export class RebuildError extends Error {
  readonly code: string;
  constructor(set: Pick<VersionedProjections, 'name'>, message: string) {
    super(message);
    this.name = 'RebuildError';
    this.code = `${set.name.toUpperCase()}.REBUILD_FAILED`;
  }
}

/**
 * Empties a projection version's collection and puts its checkpoint back to the start, so it replays from zero.
 * Fenced by the rebuild's lease: a rebuild that was frozen past its lease cannot reset a collection another rebuild
 * is filling.
 */
async function resetProjection(documents: DocumentStore, projection: Projection<unknown>, rebuilding: LeaderLease): Promise<void> {
  const collection = projectionCollection(projection);
  await documents.ensureCollection({ name: collection, indexes: { ...(projection.indexes ?? {}) } });
  await documents.unitOfWork(async (uow) => {
    await uow.fence(rebuilding);
    await uow.clear(collection);
    const name = projectionCheckpointName(projection);
    const stored = await uow.checkpoints.read(name);
    if (stored !== null) await uow.checkpoints.save(name, formatPosition(START), stored);
  });
}

/**
 * Replays the whole event history into a new version of a set of projections beside the active one (which keeps
 * answering meanwhile), and once every new projection has caught up, switches readers over in one compare-and-set.
 * Running service instances (VersionedProjectionRunner) notice the switch, start the new version's runners and stop
 * the old ones.
 */
export async function rebuildProjections(options: RebuildOptions): Promise<RebuildResult> {
  const { set } = options;
  const rebuilding = await options.leaderLock.tryAcquire(rebuildLock(set));
  if (!rebuilding) throw new RebuildError(set, `Another rebuild of the ${set.name} projections is running`);
  try {
    return await rebuildOnce(options, rebuilding);
  } finally {
    await rebuilding.release();
  }
}

/** Held for the whole rebuild: two rebuilds at once would reset each other's collections. */
const rebuildLock = (set: Pick<VersionedProjections, 'name'>): string => `${set.name}:projections:rebuild`;

async function rebuildOnce(options: RebuildOptions, rebuilding: LeaderLease): Promise<RebuildResult> {
  const { set, documentStore, leaderLock } = options;
  const from = await ensureActiveVersion(documentStore.checkpoints, set);
  const to = options.targetVersion ?? from + 1;
  if (to === from) throw new RebuildError(set, `v${to} is the active version: rebuild into another one`);
  const projections = set.at(to);
  for (const projection of projections) await resetProjection(documentStore, projection, rebuilding);

  const counting = new CountingEventStore(options.eventStore);
  const runners = projections.map(
    (projection) =>
      new ProjectionRunner({ projection, eventStore: counting, documentStore, leaderLock, idleWaitMs: 250, ...(options.batchSize ? { batchSize: options.batchSize } : {}), ...(options.logger ? { logger: options.logger } : {}) }),
  );
  const startedAt = Date.now();
  const everyMs = options.progressEveryMs ?? 1000;
  const deadline = options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : startedAt + options.timeoutMs;
  runners.forEach((runner) => runner.start());
  try {
    const caughtUp = new Set<number>();
    let reportedAt = startedAt;
    const report = (): void => {
      reportedAt = Date.now();
      options.onProgress?.({
        version: to,
        eventsRead: counting.eventsRead,
        elapsedMs: reportedAt - startedAt,
        pending: projections.filter((_, i) => !caughtUp.has(i)).map((p) => p.name),
        waitingForLock: projections.filter((_, i) => !runners[i]!.isLeader && !caughtUp.has(i)).map((p) => p.name),
      });
    };
    while (caughtUp.size < runners.length) {
      if (Date.now() > deadline) throw new RebuildError(set, `v${to} did not catch up within ${options.timeoutMs} ms; nothing was switched`);
      const waits = runners.map(async (runner, i) => {
        if (caughtUp.has(i) || !runner.isLeader) return;
        try {
          await runner.waitUntilCaughtUp(everyMs);
          caughtUp.add(i);
        } catch (error) {
          if (!(error instanceof ProjectionWaitTimeoutError)) throw error;
        }
      });
      // A runner still acquiring its lock (or waiting for another holder) is looked at again shortly.
      const notLeading = runners.some((r, i) => !caughtUp.has(i) && !r.isLeader);
      await Promise.all([...waits, notLeading ? new Promise((resolve) => setTimeout(resolve, 50)) : Promise.resolve()]);
      if (Date.now() - reportedAt >= everyMs) report();
    }
    report();
    await switchActiveVersion(documentStore.checkpoints, set, from, to, rebuilding);
    return { from, to, eventsRead: counting.eventsRead, elapsedMs: Date.now() - startedAt };
  } finally {
    await Promise.all(runners.map((runner) => runner.stop()));
  }
}
