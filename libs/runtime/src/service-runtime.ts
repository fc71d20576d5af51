import { connect, type NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { deploymentNames, type DeploymentNames, type ServiceHealth, type ServiceName } from '@broker/contracts';
import { UpcasterRegistry, UpcastingEventStore, type EventStore, type Upcaster } from '@broker/event-sourcing';
import { ensureEventStream, IntegrationEventConsumer, OutboxPublisher, RpcClient, type IntegrationEventHandlers, type IntegrationEventMapper } from '@broker/messaging';
import { checkNats, checkPostgres, runHealthChecks, type BaseServiceConfig } from '@broker/platform';
import { ensureDatabase, PostgresConnection, PostgresDocumentStore, PostgresEventStore, PostgresLeaseLock } from '@broker/postgres';
import { projectionCollection, ProjectionRunner, type DocumentStore, type Projection } from '@broker/read-models';

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
}

export interface BackgroundWork {
  /** Internal events to integration events; null keeps an event internal. Omit when the service publishes nothing. */
  mapper?: IntegrationEventMapper;
  projections?: readonly Projection<unknown>[];
  consumers?: readonly ConsumerDefinition[];
  /**
   * Fields the service adds to its health answer (e.g. a count of e-mails given up on). They never change
   * `status`, `service`, `checks` or `parkedMessages`; a failure to compute them leaves them out.
   */
  healthDetails?: () => Promise<Record<string, unknown>>;
}

/**
 * Everything one backing service process owns: its PostgreSQL schema (event store and read models), its NATS
 * connection for JetStream, and its background work (outbox publisher, projections, consumers).
 */
export class ServiceRuntime {
  private publisher: OutboxPublisher | null = null;
  private runners: ProjectionRunner<unknown>[] = [];
  private consumers: IntegrationEventConsumer[] = [];
  private healthDetails: (() => Promise<Record<string, unknown>>) | null = null;

  private constructor(
    readonly service: ServiceName,
    readonly names: DeploymentNames,
    readonly logger: Logger,
    readonly connection: PostgresConnection,
    readonly eventStore: EventStore,
    private readonly rawEventStore: PostgresEventStore,
    readonly documentStore: PostgresDocumentStore,
    readonly leaderLock: PostgresLeaseLock,
    readonly nats: NatsConnection,
    /** Request-reply to other services, for checks that must hold at the moment of a command. */
    readonly rpc: RpcClient,
  ) {}

  /** Creates the database, the schema and the stores' tables, and the JetStream stream when missing. */
  static async create(options: ServiceRuntimeOptions): Promise<ServiceRuntime> {
    const { service, config, logger } = options;
    const names = deploymentNames(config.DEPLOYMENT_NAME);
    await ensureDatabase(config.DATABASE_URL);
    const connection = new PostgresConnection({ databaseUrl: config.DATABASE_URL, schema: names.schema(service), applicationName: `${names.deployment}-${service}` });
    await connection.ensureSchema();
    const rawEventStore = new PostgresEventStore(connection);
    await rawEventStore.init();
    const documentStore = new PostgresDocumentStore(connection);
    await documentStore.init();
    const leaderLock = new PostgresLeaseLock(connection);
    const nats = await connect({ servers: config.NATS_URL.split(','), name: `${names.deployment}-${service}-events` });
    await ensureEventStream(await nats.jetstreamManager(), names);
    const eventStore = new UpcastingEventStore(rawEventStore, new UpcasterRegistry(options.upcasters ?? []));
    const rpc = new RpcClient({ deployment: names.deployment, servers: config.NATS_URL.split(','), name: `${names.deployment}-${service}-rpc` });
    logger.info({ schema: names.schema(service), stream: names.eventStream }, 'Stores and event stream ready');
    return new ServiceRuntime(service, names, logger, connection, eventStore, rawEventStore, documentStore, leaderLock, nats, rpc);
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
      this.publisher = new OutboxPublisher({ service, names, eventStore, checkpoints: documentStore.checkpoints, leaderLock, nats, mapper: loggingMapper, logger });
      await this.publisher.start();
    }
    for (const projection of work.projections ?? []) {
      // Queries may arrive before this instance leads the projection, so the collection must exist already.
      await documentStore.ensureCollection({ name: projectionCollection(projection), indexes: projection.indexes ?? {} });
      const runner = new ProjectionRunner({ projection, eventStore, documentStore, leaderLock, logger });
      runner.start();
      this.runners.push(runner);
    }
    for (const definition of work.consumers ?? []) {
      const consumer = new IntegrationEventConsumer({
        names,
        service,
        consumer: definition.name,
        filterSubject: names.eventSubjectsOf(definition.from),
        documentStore: documentStore as DocumentStore,
        handlers: withApplyLogging(definition.handlers, logger),
        nats,
        logger,
      });
      await consumer.start();
      this.consumers.push(consumer);
    }
  }

  async health(): Promise<ServiceHealth> {
    const report = await runHealthChecks({
      postgres: () => checkPostgres(this.connection.pool),
      nats: () => checkNats(this.nats),
    });
    let parkedMessages = 0;
    for (const consumer of this.consumers) parkedMessages += await consumer.parkedCount().catch(() => 0);
    const details = (await this.healthDetails?.().catch(() => null)) ?? {};
    return { ...details, status: report.status === 'ok' ? 'up' : 'down', service: this.service, checks: report.checks, parkedMessages };
  }

  /** Stops background work first (finishing in-flight batches), then closes connections. */
  async stop(): Promise<void> {
    await Promise.allSettled([this.publisher?.stop(), ...this.runners.map((r) => r.stop()), ...this.consumers.map((c) => c.stop())]);
    await this.rpc.close().catch(() => undefined);
    await this.nats.drain().catch(() => undefined);
    await this.leaderLock.close().catch(() => undefined);
    await this.rawEventStore.close().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
  }
}

/** Handlers run inside the message's correlation context, so each debug line carries its correlation id. */
function withApplyLogging(handlers: IntegrationEventHandlers, logger: Logger): IntegrationEventHandlers {
  return Object.fromEntries(
    Object.entries(handlers).map(([type, handle]) => [
      type,
      async (envelope: Parameters<typeof handle>[0], uow: Parameters<typeof handle>[1]) => {
        await handle(envelope, uow);
        logger.debug({ eventId: envelope.id, type }, 'Applied integration event');
      },
    ]),
  );
}
