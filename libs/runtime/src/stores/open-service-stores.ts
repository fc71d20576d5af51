import type { DeploymentNames, ServiceName } from '@broker/contracts';
import type { EventStore } from '@broker/event-sourcing';
import { checkAnswers, checkPostgres, withoutUserInfo, type HealthResult, type Logger, type SchemaMigrationMode } from '@broker/platform';
import {
  ensureDatabase,
  isTransientDatabaseError,
  migrateSchema,
  PostgresConnection,
  PostgresDocumentStore,
  PostgresEventStore,
  PostgresLeaseLock,
  verifySchema,
  type MigrateOptions,
  type MigrationReport,
} from '@broker/postgres';
import type { DocumentStore, LeaderLock } from '@broker/read-models';
import { eventStoreNamespace, postgresParts, readStoreDatabaseName, storeBackends, type StoreBackends, type StoreSettings } from './store-backends';

export interface ServiceStores {
  backends: StoreBackends;
  /** The event store as the adapter gives it (no upcasting). */
  eventStore: EventStore;
  /** The PostgreSQL connection of the event store, when events live there (operator tools count them with SQL). */
  eventsConnection: PostgresConnection | null;
  documentStore: DocumentStore;
  /** Leases live beside the read models: units of work fence on them in the same transaction. */
  leaderLock: LeaderLock;
  /** One reachability check per server the stores use, by kind: postgres, kurrentdb, mongodb. */
  healthChecks: Record<string, () => Promise<HealthResult>>;
  /** What each migrated PostgreSQL schema went through (empty when nothing ran or nothing was PostgreSQL). */
  migrations: MigrationReport[];
  /** A store failure that retrying later may cure, whichever adapter raised it. */
  isTransient(error: unknown): boolean;
  /** For the start-up log line: where each store is, without credentials. */
  description: { events: string; documents: string };
  close(): Promise<void>;
}

export interface OpenServiceStoresOptions {
  service: ServiceName;
  names: DeploymentNames;
  settings: StoreSettings & { SCHEMA_MIGRATIONS: SchemaMigrationMode };
  logger?: Logger;
  /** Passed to the migrations of `apply` mode (the migrate command grants rights to the services' role). */
  migrate?: MigrateOptions;
}

/**
 * Opens the stores a service's configuration names. PostgreSQL schemas are migrated first (`apply`) or only
 * checked (`verify`, no DDL); the KurrentDB and MongoDB adapters are loaded only when configured, so a service on
 * PostgreSQL alone never loads their clients.
 */
export async function openServiceStores(options: OpenServiceStoresOptions): Promise<ServiceStores> {
  const { service, names, settings } = options;
  const backends = storeBackends(settings);
  const schema = names.schema(service);
  const closers: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    for (const closer of closers.splice(0).reverse()) await closer().catch(() => undefined);
  };
  try {
    const connections = new Map<string, PostgresConnection>();
    const migrations: MigrationReport[] = [];
    const healthChecks: Record<string, () => Promise<HealthResult>> = {};
    const transient: ((error: unknown) => boolean)[] = [isTransientDatabaseError];
    for (const [url, stores] of postgresParts(backends)) {
      if (settings.SCHEMA_MIGRATIONS === 'apply') await ensureDatabase(url);
      const connection = new PostgresConnection({
        databaseUrl: url,
        schema,
        applicationName: `${names.deployment}-${service}`,
        ...(options.logger ? { logger: options.logger } : {}),
      });
      closers.push(() => connection.close());
      connections.set(url, connection);
      if (settings.SCHEMA_MIGRATIONS === 'apply') migrations.push(await migrateSchema(connection, stores, options.migrate));
      else await verifySchema(connection, stores);
      const key = connections.size === 1 ? 'postgres' : `postgres-${connections.size}`;
      healthChecks[key] = () => checkPostgres(connection.pool);
    }

    let eventStore: EventStore;
    const eventsConnection = backends.events.kind === 'postgres' ? connections.get(backends.events.url)! : null;
    if (backends.events.kind === 'postgres') {
      const events = new PostgresEventStore(connections.get(backends.events.url)!);
      closers.push(() => events.close());
      eventStore = events;
    } else {
      const { KurrentDbEventStore, isTransientKurrentDbError } = await import('@broker/kurrentdb');
      transient.push(isTransientKurrentDbError);
      const events = KurrentDbEventStore.fromConnectionString(backends.events.url, { namespace: eventStoreNamespace(names.deployment, service) });
      closers.push(() => events.close());
      await events.init();
      healthChecks.kurrentdb = () => checkAnswers(() => events.check());
      eventStore = events;
    }

    let documentStore: DocumentStore;
    let leaderLock: LeaderLock;
    if (backends.documents.kind === 'postgres') {
      const connection = connections.get(backends.documents.url)!;
      documentStore = new PostgresDocumentStore(connection);
      const leases = new PostgresLeaseLock(connection);
      closers.push(() => leases.close());
      leaderLock = leases;
    } else {
      const { MongoDocumentStore, isTransientMongoError } = await import('@broker/mongodb');
      transient.push(isTransientMongoError);
      const documents = await MongoDocumentStore.connect(backends.documents.url, { database: readStoreDatabaseName(schema) });
      closers.push(() => documents.close());
      await documents.init();
      const leases = documents.leaderLock();
      closers.push(() => leases.close());
      healthChecks.mongodb = () => checkAnswers(() => documents.check());
      documentStore = documents;
      leaderLock = leases;
    }

    return {
      backends,
      eventStore,
      eventsConnection,
      documentStore,
      leaderLock,
      healthChecks,
      migrations,
      isTransient: (error) => transient.some((test) => test(error)),
      description: {
        events: backends.events.kind === 'postgres' ? `PostgreSQL schema ${schema}` : `KurrentDB ${withoutUserInfo(backends.events.url)}, streams ${eventStoreNamespace(names.deployment, service)}.*`,
        documents: backends.documents.kind === 'postgres' ? `PostgreSQL schema ${schema}` : `MongoDB ${withoutUserInfo(backends.documents.url)}, database ${readStoreDatabaseName(schema)}`,
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
