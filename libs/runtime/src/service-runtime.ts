import { ServiceMetrics, type ConsumerOutcome } from './metrics/service-metrics';
import { tracedEventStore } from './tracing/traced-event-store';
import { connect, type NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { deploymentNames, replicaHealthRpc, type DeploymentNames, type ReplicaHealth, type ServiceHealth, type ServiceName } from '@broker/contracts';
import { UpcasterRegistry, UpcastingEventStore, type EventStore, type Upcaster } from '@broker/event-sourcing';
import {
  ensureEventStream,
  IntegrationEventConsumer,
  mapEventHandlers,
  NatsConnectionMonitor,
  natsInboxPrefix,
  OutboxPublisher,
  outboxName,
  RpcClient,
  type IntegrationEventHandlers,
  type IntegrationEventMapper,
  type NatsConnectionHealth,
  type ReconnectPolicy,
} from '@broker/messaging';
import { checkNats, exitFatally, runHealthChecks, type BaseServiceConfig } from '@broker/platform';
import { HeldLeases } from './replicas/held-leases';
import { ReplicaHealthResponder } from './replicas/replica-health-responder';
import { newInstanceId, replicaLeadership } from './replicas/replica-leadership';
import { openServiceStores, type ServiceStores } from './stores/open-service-stores';
import { projectionCollection, ProjectionRunner, VersionedProjectionRunner, type DocumentStore, type Projection, type VersionedProjections } from '@broker/read-models';

/** A consumer of integration events from one source service. */
export interface ConsumerDefinition {
  /** Durable consumer name suffix, unique within the service. */
  name: string;
  from: ServiceName;
  handlers: IntegrationEventHandlers;
}

export interface ServiceRuntimeOptions {
  service: ServiceName;
  config: BaseServiceConfig;
  logger: Logger;
  upcasters?: readonly Upcaster[];
  /**
   * The process can no longer work: one of its NATS connections closed for good outside a shutdown. Default: log
   * the reason at fatal level and exit 1, so the supervisor starts the service again.
   */
  onUnrecoverable?: (reason: string, error?: unknown) => void;
  /** Default DEFAULT_RECONNECT_POLICY (reconnect for ever, 250 ms doubling up to 5 s, ±20 %). */
  reconnectPolicy?: Partial<ReconnectPolicy>;
  /** Where appends and consumers are counted (runService's metrics, served on the probe port). */
  metrics?: ServiceMetrics;
}

export interface BackgroundWork {
  /** Internal events to integration events; null keeps an event internal. Omit when the service publishes nothing. */
  mapper?: IntegrationEventMapper;
  projections?: readonly Projection<unknown>[];
  /** Sets of projections that move to a new version together, switched by a rebuild (rebuildProjections). */
  versionedProjections?: readonly VersionedProjections[];
  consumers?: readonly ConsumerDefinition[];
  /**
   * Fields the service adds to its health answer (e.g. a count of e-mails given up on). They never change
   * `status`, `service`, `checks` or `parkedMessages`; a failure to compute them leaves them out.
   */
  healthDetails?: () => Promise<Record<string, unknown>>;
}

/**
 * Everything one backing service process owns: its PostgreSQL schema (event store and read models), its NATS
 * connections (JetStream, and requests to other services), and its background work (outbox publisher,
 * projections, consumers). Connections outlive outages of PostgreSQL and NATS (ADR 9); a NATS connection that
 * closes for good ends the process through `onUnrecoverable`.
 */
export class ServiceRuntime {
  private publisher: OutboxPublisher | null = null;
  private runners: ProjectionRunner<unknown>[] = [];
  private versionedRunners = new Map<string, VersionedProjectionRunner>();
  private consumers: IntegrationEventConsumer[] = [];
  private healthDetails: (() => Promise<Record<string, unknown>>) | null = null;
  private stopping: Promise<void> | null = null;
  private serviceMetrics: ServiceMetrics | null = null;
  private replicaResponder: ReplicaHealthResponder | null = null;
  /** This process among the service's replicas, in health answers. */
  readonly instance = newInstanceId();
  readonly startedAt = new Date().toISOString();

  private constructor(
    readonly service: ServiceName,
    readonly names: DeploymentNames,
    readonly logger: Logger,
    private readonly stores: ServiceStores,
    readonly eventStore: EventStore,
    readonly documentStore: DocumentStore,
    readonly leaderLock: HeldLeases,
    readonly nats: NatsConnection,
    private readonly natsMonitor: NatsConnectionMonitor,
    /** Request-reply to other services, for checks that must hold at the moment of a command. */
    readonly rpc: RpcClient,
  ) {}

  /**
   * Opens the stores (PostgreSQL schemas migrated or verified as SCHEMA_MIGRATIONS says) and the JetStream stream,
   * created when missing.
   */
  static async create(options: ServiceRuntimeOptions): Promise<ServiceRuntime> {
    const { service, config, logger } = options;
    const names = deploymentNames(config.DEPLOYMENT_NAME);
    const onUnrecoverable = options.onUnrecoverable ?? ((reason: string, error?: unknown) => exitFatally(logger, reason, error));
    let runtime: ServiceRuntime | null = null;
    // A connection that closes while the runtime stops was closed on purpose, whatever its monitor saw.
    const closedForGood = (reason: string, error: Error | undefined): void => {
      if (!runtime?.stopping) onUnrecoverable(`Service ${service} cannot work any more: ${reason}`, error);
    };
    const stores = await openServiceStores({ service, names, settings: config, logger });
    const eventsName = `${names.deployment}-${service}-events`;
    const natsMonitor = new NatsConnectionMonitor({
      name: eventsName,
      logger,
      ...(options.reconnectPolicy ? { policy: options.reconnectPolicy } : {}),
      onUnexpectedClose: closedForGood,
    });
    // Replies under an inbox prefix of its own: the only replies its NATS user may receive (docs/adr/0019).
    const inboxPrefix = natsInboxPrefix(names.deployment, service);
    let nats: NatsConnection;
    try {
      nats = await connect({ servers: config.NATS_URL.split(','), name: eventsName, ...config.natsCredentials, inboxPrefix, ...natsMonitor.connectionOptions() });
    } catch (error) {
      await stores.close();
      throw error;
    }
    natsMonitor.watch(nats);
    await ensureEventStream(await nats.jetstreamManager(), names);
    const upcasting = new UpcastingEventStore(stores.eventStore, new UpcasterRegistry(options.upcasters ?? []));
    const eventStore = tracedEventStore(options.metrics ? options.metrics.meteredEventStore(upcasting) : upcasting);
    const rpc = new RpcClient({
      deployment: names.deployment,
      servers: config.NATS_URL.split(','),
      name: `${names.deployment}-${service}-rpc`,
      nats: { ...config.natsCredentials, inboxPrefix },
      logger,
      ...(options.reconnectPolicy ? { reconnectPolicy: options.reconnectPolicy } : {}),
      onUnexpectedClose: closedForGood,
    });
    await rpc.connect();
    const migrated = stores.migrations.filter((report) => report.applied.length > 0);
    if (migrated.length > 0) logger.info({ migrations: migrated.map((report) => ({ schema: report.schema, applied: report.applied.map((m) => m.version), version: report.version })) }, 'Schema migrated');
    logger.info({ events: stores.description.events, readModels: stores.description.documents, stream: names.eventStream }, 'Stores and event stream ready');
    runtime = new ServiceRuntime(service, names, logger, stores, eventStore, stores.documentStore, new HeldLeases(stores.leaderLock), nats, natsMonitor, rpc);
    runtime.serviceMetrics = options.metrics ?? null;
    options.metrics?.observeConsumers(() => runtime?.consumers ?? []);
    options.metrics?.observeProjections(() => runtime?.allProjectionRunners() ?? []);
    options.metrics?.observeOutbox(() => runtime?.publisher ?? null);
    return runtime;
  }

  async startBackgroundWork(work: BackgroundWork): Promise<void> {
    const { service, names, logger, eventStore, documentStore, leaderLock, nats } = this;
    this.healthDetails = work.healthDetails ?? null;
    if (work.mapper) {
      const mapper = work.mapper;
      const loggingMapper: IntegrationEventMapper = (event) => {
        const envelope = mapper(event);
        if (envelope) logger.debug({ correlationId: envelope.correlationId, eventId: envelope.id, type: envelope.type }, 'Publishing integration event');
        return envelope;
      };
      this.publisher = new OutboxPublisher({
        service,
        names,
        eventStore,
        checkpoints: documentStore.checkpoints,
        leaderLock,
        nats,
        mapper: loggingMapper,
        logger,
        natsConnected: () => this.natsMonitor.state === 'connected',
      });
      await this.publisher.start();
    }
    for (const projection of work.projections ?? []) {
      // Queries may arrive before this instance leads the projection, so the collection must exist already.
      await documentStore.ensureCollection({ name: projectionCollection(projection), indexes: projection.indexes ?? {} });
      const runner = new ProjectionRunner({ projection, eventStore, documentStore, leaderLock, logger });
      runner.start();
      this.runners.push(runner);
    }
    for (const set of work.versionedProjections ?? []) {
      const runner = new VersionedProjectionRunner({ set, eventStore, documentStore, leaderLock, logger });
      await runner.start();
      this.versionedRunners.set(set.name, runner);
    }
    for (const definition of work.consumers ?? []) {
      const consumerName = names.consumerName(service, definition.name);
      const consumer = new IntegrationEventConsumer({
        names,
        service,
        consumer: definition.name,
        filterSubject: names.eventSubjectsOf(definition.from),
        documentStore,
        handlers: withApplyLogging(definition.handlers, logger),
        nats,
        logger,
        isTransient: (error) => this.stores.isTransient(error),
        ...(this.metrics ? { onOutcome: (outcome: ConsumerOutcome) => this.metrics?.consumerOutcome(consumerName, outcome) } : {}),
      });
      await consumer.start();
      this.consumers.push(consumer);
    }
    const replicaSubject = `${names.rpcPrefix}${replicaHealthRpc(service).subject}`;
    this.replicaResponder = new ReplicaHealthResponder(nats, replicaSubject, () => this.replicaHealth(), logger);
    this.replicaResponder.start();
    logger.info({ instance: this.instance, subject: replicaSubject }, 'Replica answers health for itself');
  }

  /** The version of a set of versioned projections that readers read now, so one answer never mixes two. */
  activeProjectionVersion(name: string): Promise<number> {
    const runner = this.versionedRunners.get(name);
    if (!runner) throw new Error(`No versioned projections named ${name} run in this service`);
    return runner.current();
  }

  /** Every projection this process runs: its own, and those of the active version of each versioned set (billing's). */
  private allProjectionRunners(): ProjectionRunner<unknown>[] {
    return [...this.runners, ...[...this.versionedRunners.values()].flatMap((set) => set.projectionRunners)];
  }

  /** The service's metrics (runService gives every service its own), for a service's own series. */
  get metrics(): ServiceMetrics | null {
    return this.serviceMetrics;
  }

  /** A failure of a store that retrying later may cure (the server away, a failover): answered as STORE.UNAVAILABLE. */
  isTransientStoreError(error: unknown): boolean {
    return this.stores.isTransient(error);
  }

  /** The integration event consumers this process runs (operators requeue what they parked). */
  get integrationConsumers(): readonly IntegrationEventConsumer[] {
    return this.consumers;
  }

  async health(): Promise<ServiceHealth> {
    const report = await this.checks();
    let parkedMessages = 0;
    for (const consumer of this.consumers) parkedMessages += await consumer.parkedCount().catch(() => 0);
    const details = (await this.healthDetails?.().catch(() => null)) ?? {};
    return { ...details, status: report.status === 'ok' ? 'up' : 'down', service: this.service, instance: this.instance, checks: report.checks, parkedMessages };
  }

  /** This process's own health and what it leads: its answer to the replicas' health subject. */
  async replicaHealth(): Promise<ReplicaHealth> {
    const report = await this.checks();
    const projections = this.allProjectionRunners().map((runner) => runner.checkpointName);
    const leads = replicaLeadership(this.leaderLock.names(), { projections, outbox: this.publisher ? outboxName(this.service) : null });
    return { instance: this.instance, status: report.status === 'ok' ? 'up' : 'down', checks: report.checks, startedAt: this.startedAt, leads };
  }

  private checks(): ReturnType<typeof runHealthChecks> {
    return runHealthChecks({
      ...this.stores.healthChecks,
      nats: () => checkNats(this.nats, { state: () => worstOf(this.natsMonitor.health(), this.rpc.connectionHealth()) }),
    });
  }

  /** Stops background work first (finishing in-flight batches), then closes connections. */
  stop(): Promise<void> {
    this.stopping ??= this.stopNow();
    return this.stopping;
  }

  private async stopNow(): Promise<void> {
    this.replicaResponder?.stop();
    await Promise.allSettled([this.publisher?.stop(), ...this.runners.map((r) => r.stop()), ...[...this.versionedRunners.values()].map((r) => r.stop()), ...this.consumers.map((c) => c.stop())]);
    await this.rpc.close().catch(() => undefined);
    this.natsMonitor.expectClose();
    // Draining waits for the server; while NATS is away there is nothing left to drain.
    if (this.natsMonitor.state === 'connected') await this.nats.drain().catch(() => undefined);
    else await this.nats.close().catch(() => undefined);
    await this.stores.close();
  }
}

/** One answer for several connections: the worst state wins, with the details of those not up. */
function worstOf(...states: NatsConnectionHealth[]): NatsConnectionHealth {
  const notUp = states.filter((state) => state.status !== 'up');
  if (notUp.length === 0) return { status: 'up' };
  const detail = notUp.map((state) => state.detail).filter(Boolean).join('; ');
  return { status: notUp.some((state) => state.status === 'down') ? 'down' : 'reconnecting', ...(detail ? { detail } : {}) };
}

/** Handlers run inside the message's correlation context, so each debug line carries its correlation id. */
function withApplyLogging(handlers: IntegrationEventHandlers, logger: Logger): IntegrationEventHandlers {
  return mapEventHandlers(handlers, (type, handle) => async (envelope, uow) => {
    await handle(envelope, uow);
    logger.debug({ eventId: envelope.id, type }, 'Applied integration event');
  });
}
