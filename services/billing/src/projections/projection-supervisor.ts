import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { projectionCollection, ProjectionRunner } from '@broker/read-models';
import { LOGGER, SERVICE_RUNTIME, type ServiceRuntime } from '@broker/runtime';
import { ensureActiveVersion, readActiveVersion } from './active-version';
import { billingCollections, billingProjections, projectionList, type BillingCollections } from './billing-projections';

/** How often an instance looks whether a rebuild switched the active version. */
const VERSION_POLL_MS = 1000;

/**
 * Runs the active version of billing's projections in this instance (only the leader of each does work) and
 * tells queries which collections to read. A rebuild switches the active version; this instance notices within
 * a second, starts the new version's runners (they carry on from the rebuild's checkpoints) and stops the old.
 */
@Injectable()
export class BillingProjectionSupervisor implements OnApplicationShutdown {
  private active: BillingCollections | null = null;
  private runners: ProjectionRunner<unknown>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private switching: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The collections queries read now. */
  async current(): Promise<BillingCollections> {
    if (this.active) return this.active;
    const version = await ensureActiveVersion(this.runtime.documentStore.checkpoints);
    await this.ensureCollections(version);
    this.active ??= billingCollections(version);
    return this.active;
  }

  async start(): Promise<void> {
    const { version } = await this.current();
    this.startRunners(version);
    this.timer = setInterval(() => {
      this.switching = this.switching.then(() => this.follow()).catch((error: unknown) => this.logger.warn({ err: error }, 'Could not check the active billing projection version'));
    }, VERSION_POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.switching.catch(() => undefined);
    await Promise.all(this.runners.splice(0).map((runner) => runner.stop()));
  }

  private async follow(): Promise<void> {
    if (this.stopped) return;
    const version = await readActiveVersion(this.runtime.documentStore.checkpoints);
    if (version === null || version === this.active?.version) return;
    await this.ensureCollections(version);
    const previous = this.runners;
    const from = this.active?.version ?? null;
    this.startRunners(version);
    this.active = billingCollections(version);
    this.logger.info({ from, to: version }, 'Billing projections switched to a new version');
    await Promise.all(previous.map((runner) => runner.stop()));
  }

  private async ensureCollections(version: number): Promise<void> {
    for (const projection of projectionList(billingProjections(version))) {
      await this.runtime.documentStore.ensureCollection({ name: projectionCollection(projection), indexes: { ...(projection.indexes ?? {}) } });
    }
  }

  private startRunners(version: number): void {
    const { eventStore, documentStore, leaderLock } = this.runtime;
    this.runners = projectionList(billingProjections(version)).map((projection) => {
      const runner = new ProjectionRunner({ projection, eventStore, documentStore, leaderLock, logger: this.logger });
      runner.start();
      return runner;
    });
  }
}
