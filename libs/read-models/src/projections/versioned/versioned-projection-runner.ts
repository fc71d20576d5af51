import type { EventStore } from '@broker/event-sourcing';
import type { DocumentStore } from '../../document-store/document-store.port';
import type { LeaderLock } from '../leader-lock.port';
import { projectionCollection } from '../projection';
import { ProjectionRunner, type ProjectionRunnerLogger } from '../projection-runner';
import { ensureActiveVersion, readActiveVersion, type VersionedProjections } from './versioned-projections';

export interface VersionedProjectionRunnerOptions {
  set: VersionedProjections;
  eventStore: EventStore;
  documentStore: DocumentStore;
  leaderLock: LeaderLock;
  logger: ProjectionRunnerLogger;
  /** How often the active version is looked at. Default 1000 ms. */
  pollMs?: number;
}

/**
 * Runs the active version of a set of projections (only the leader of each does work) and tells readers which
 * version to read. A rebuild switches the active version; this runner notices within `pollMs`, starts the new
 * version's runners (they carry on from the rebuild's checkpoints) and stops the old.
 */
export class VersionedProjectionRunner {
  private active: number | null = null;
  private runners: ProjectionRunner<unknown>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private switching: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: VersionedProjectionRunnerOptions) {}

  get name(): string {
    return this.options.set.name;
  }

  /** The runners of the active version (each leads or stands by). */
  get projectionRunners(): readonly ProjectionRunner<unknown>[] {
    return this.runners;
  }

  /** The version readers read now (its collections exist). */
  async current(): Promise<number> {
    if (this.active !== null) return this.active;
    const version = await ensureActiveVersion(this.options.documentStore.checkpoints, this.options.set);
    await this.ensureCollections(version);
    this.active ??= version;
    return this.active;
  }

  async start(): Promise<void> {
    const version = await this.current();
    this.startRunners(version);
    this.timer = setInterval(() => {
      this.switching = this.switching
        .then(() => this.follow())
        .catch((error: unknown) => this.options.logger.warn({ err: error, projections: this.name }, 'Could not check the active projection version'));
    }, this.options.pollMs ?? 1000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.switching.catch(() => undefined);
    await Promise.all(this.runners.splice(0).map((runner) => runner.stop()));
  }

  private async follow(): Promise<void> {
    if (this.stopped) return;
    const version = await readActiveVersion(this.options.documentStore.checkpoints, this.options.set);
    if (version === null || version === this.active) return;
    await this.ensureCollections(version);
    const previous = this.runners;
    const from = this.active;
    this.startRunners(version);
    this.active = version;
    this.options.logger.info({ projections: this.name, from, to: version }, 'Projections switched to a new version');
    await Promise.all(previous.map((runner) => runner.stop()));
  }

  private async ensureCollections(version: number): Promise<void> {
    for (const projection of this.options.set.at(version)) {
      await this.options.documentStore.ensureCollection({ name: projectionCollection(projection), indexes: { ...(projection.indexes ?? {}) } });
    }
  }

  private startRunners(version: number): void {
    const { eventStore, documentStore, leaderLock, logger } = this.options;
    this.runners = this.options.set.at(version).map((projection) => {
      const runner = new ProjectionRunner({ projection, eventStore, documentStore, leaderLock, logger });
      runner.start();
      return runner;
    });
  }
}
