import 'reflect-metadata';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestMicroservice } from '@nestjs/common';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { ActorAssertionRpc, type ServiceName } from '@broker/contracts';
import type { Upcaster } from '@broker/event-sourcing';
import { ActorAssertionVerifier, parseActorAssertionPublicKey, PrefixedNatsServer, RpcClient, RpcContractErrorsInterceptor, RpcErrorFilter, type ReconnectPolicy } from '@broker/messaging';
import { createLogger, exitFatally, installShutdown, loadConfigOrExit, PinoNestLogger, ProbeServer, startTracing, tracingSettingsFrom, validationPipe, type BaseServiceConfig, type Tracing } from '@broker/platform';
import { healthControllerFor } from './health.controller';
import { ServiceMetrics } from './metrics/service-metrics';
import { migrateService } from './migrations/migrate-service';
import { parkedMessagesControllerFor } from './parked-messages.controller';
import { RpcLoggingInterceptor } from './rpc-logging.interceptor';
import { DOCUMENT_STORE, EVENT_STORE, LOGGER, SERVICE_CONFIG, SERVICE_RUNTIME } from './runtime.tokens';
import { mergeConsumers, serviceParts } from './service-module';
import { ServiceRuntime, type BackgroundWork } from './service-runtime';

export interface ServiceDefinition<Config extends BaseServiceConfig> {
  service: ServiceName;
  configClass: new () => Config;
  /** The service's use cases, projections and consumers: a ServiceModule (which may import others). */
  module: Type<unknown>;
  upcasters?: readonly Upcaster[];
  /**
   * Work of the service beyond what its module declares (a queue worker to start, health details), given the
   * runtime and the started Nest app (to resolve providers from it).
   */
  background?: (runtime: ServiceRuntime, get: <T>(token: Type<T> | symbol) => T) => BackgroundWork | void | Promise<BackgroundWork | void>;
  /** Runs before the service listens (bootstrap data such as the first platform admin). */
  afterStart?: (get: <T>(token: Type<T> | symbol) => T, logger: Logger) => Promise<void>;
  /** The service's own key for actor assertions (identity, which signs them); others take or fetch the public key. */
  actorAssertionKey?: (config: Config) => KeyObject;
}

/**
 * Starts one backing service: stores, NATS request-reply under its queue group, background work, shutdown. Outages
 * of NATS and PostgreSQL are waited out; a NATS connection that closes for good outside a shutdown ends the process
 * with a fatal log line and exit code 1, for its supervisor to start it again (ADR 9). With the argument `migrate`
 * it only brings the service's stores up to date and exits (migrateService).
 */
export async function runService<Config extends BaseServiceConfig>(definition: ServiceDefinition<Config>): Promise<void> {
  if (process.argv[2] === 'migrate') {
    await migrateService(definition).catch((error: unknown) => {
      console.error(`${definition.service}: migration failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    });
    return;
  }
  const config = loadConfigOrExit(definition.configClass);
  const logger = createLogger({ service: definition.service, level: config.LOG_LEVEL });
  const onUnrecoverable = (reason: string, error?: unknown): void => exitFatally(logger, reason, error);
  let tracing: Tracing;
  try {
    tracing = startTracing(tracingSettingsFrom(process.env), { service: definition.service, deployment: config.DEPLOYMENT_NAME }, logger);
  } catch (error) {
    exitFatally(logger, `Service ${definition.service} cannot start`, error);
    return;
  }
  // Probes answer from the start: live at once, ready once the service works (a slow start is not a dead one).
  let runtime: ServiceRuntime | null = null;
  const metrics = new ServiceMetrics(definition.service);
  const probes = config.PROBE_PORT
    ? new ProbeServer({
        port: config.PROBE_PORT,
        host: config.PROBE_HOST,
        logger,
        metrics: () => metrics.scrape(),
        readiness: () => (runtime ? serviceReadiness(runtime) : Promise.resolve({ ready: false, detail: { reason: 'starting' } })),
      })
    : null;
  try {
    await probes?.listen();
    runtime = await ServiceRuntime.create({ service: definition.service, config, logger, upcasters: definition.upcasters ?? [], onUnrecoverable, metrics });
    const app = await createServiceApp(definition, runtime, { config, logger, onUnrecoverable, metrics });
    // Background work and bootstrap data come before listening, so the service answers /health only once it
    // is ready (a first login right after the platform reports healthy must work).
    await app.init();
    const get = <T>(token: Type<T> | symbol): T => app.get(token as Type<T>);
    await runtime.startBackgroundWork(await backgroundWork(definition, runtime, get));
    if (definition.afterStart) await definition.afterStart(get, logger);
    await app.listen();
    probes?.markStarted();
    const started = runtime;
    installShutdown(app, {
      logger,
      onShutdown: async () => {
        await probes?.close();
        await started.stop();
        await tracing.shutdown();
      },
    });
    logger.info({ queue: runtime.names.rpcQueue(definition.service) }, `Service ${definition.service} started`);
  } catch (error) {
    logger.fatal({ err: error }, `Service ${definition.service} failed to start`);
    process.exit(1);
  }
}

/** Ready when every store the service uses and NATS answer: what the cluster's readiness probe asks. */
export async function serviceReadiness(runtime: ServiceRuntime): Promise<{ ready: boolean; detail: Record<string, unknown> }> {
  const health = await runtime.health();
  return { ready: health.status === 'up', detail: { service: health.service, checks: health.checks } };
}

/** What the module declares, its consumers resolved from the app, with what `background` adds. */
async function backgroundWork<Config extends BaseServiceConfig>(
  definition: ServiceDefinition<Config>,
  runtime: ServiceRuntime,
  get: <T>(token: Type<T> | symbol) => T,
): Promise<BackgroundWork> {
  const parts = serviceParts(definition.module);
  for (const collection of parts.collections) await runtime.documentStore.ensureCollection(collection);
  const extra = (definition.background ? await definition.background(runtime, get) : undefined) ?? {};
  const mapper = parts.mapper ?? extra.mapper;
  return {
    ...extra,
    ...(mapper ? { mapper } : {}),
    projections: [...parts.projections, ...(extra.projections ?? [])],
    versionedProjections: [...parts.versionedProjections, ...(extra.versionedProjections ?? [])],
    consumers: mergeConsumers([...parts.consumers.flatMap((consumer) => get(consumer).consumers()), ...(extra.consumers ?? [])]),
  };
}

export interface ServiceAppOptions<Config extends BaseServiceConfig> {
  config: Config;
  logger: Logger;
  /** The RPC server's NATS connection closed for good outside a shutdown. */
  onUnrecoverable: (reason: string, error?: unknown) => void;
  reconnectPolicy?: Partial<ReconnectPolicy>;
  /** Where handled RPC requests are counted and timed (runService's metrics, served on the probe port). */
  metrics?: ServiceMetrics;
}

/**
 * The service's Nest microservice, not yet initialised or listening: its use cases and health on the NATS transport
 * (queue group of the service), with validation, the RPC error filter (transient store failures answer
 * STORE.UNAVAILABLE) and request logging.
 */
export async function createServiceApp<Config extends BaseServiceConfig>(
  definition: ServiceDefinition<Config>,
  runtime: ServiceRuntime,
  options: ServiceAppOptions<Config>,
): Promise<INestMicroservice> {
  const { config, logger } = options;
  const loadKey = actorAssertionPublicKey(definition, config, runtime);
  const strategy = new PrefixedNatsServer({
    deployment: config.DEPLOYMENT_NAME,
    service: definition.service,
    servers: config.NATS_URL.split(','),
    name: `${config.DEPLOYMENT_NAME}-${definition.service}-rpc-server`,
    ...config.natsCredentials,
    logger,
    ...(options.reconnectPolicy ? { reconnectPolicy: options.reconnectPolicy } : {}),
    onUnexpectedClose: (reason, error) => options.onUnrecoverable(`Service ${definition.service} cannot work any more: ${reason}`, error),
    actorVerifier: new ActorAssertionVerifier(loadKey, logger),
  });
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(rootModule(definition, runtime, config, logger), {
    strategy,
    logger: new PinoNestLogger(logger),
    // A failing provider rejects (runService logs it at fatal level and exits 1) instead of aborting the process.
    abortOnError: false,
  });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new RpcErrorFilter(logger, { isTransient: (error) => runtime.isTransientStoreError(error) }));
  app.useGlobalInterceptors(
    new RpcLoggingInterceptor(logger, options.metrics),
    // RPC_STRICT_ERRORS=1 (the test kit sets it): an error code a contract does not declare answers INTERNAL.
    new RpcContractErrorsInterceptor(logger, { strict: process.env.RPC_STRICT_ERRORS === '1', isTransient: (error) => runtime.isTransientStoreError(error) }),
  );
  return app;
}

/**
 * Where the actor assertion key comes from: the service's own key, else ACTOR_ASSERTION_PUBLIC_KEY (both read now, so
 * a bad key stops the start), else identity, asked on first need (NATS permissions let only identity answer there).
 */
function actorAssertionPublicKey<Config extends BaseServiceConfig>(definition: ServiceDefinition<Config>, config: Config, runtime: ServiceRuntime): () => Promise<KeyObject> {
  if (definition.actorAssertionKey) {
    const key = createPublicKey(definition.actorAssertionKey(config));
    return () => Promise.resolve(key);
  }
  if (config.ACTOR_ASSERTION_PUBLIC_KEY) {
    const key = parseActorAssertionPublicKey(config.ACTOR_ASSERTION_PUBLIC_KEY.replace(/\\n/g, '\n'));
    return () => Promise.resolve(key);
  }
  return async () => parseActorAssertionPublicKey((await runtime.rpc.call(ActorAssertionRpc.publicKey, {})).publicKey);
}

function rootModule<Config extends BaseServiceConfig>(definition: ServiceDefinition<Config>, runtime: ServiceRuntime, config: Config, logger: Logger): DynamicModule {
  const providers: Provider[] = [
    { provide: SERVICE_RUNTIME, useValue: runtime },
    { provide: EVENT_STORE, useValue: runtime.eventStore },
    { provide: DOCUMENT_STORE, useValue: runtime.documentStore },
    { provide: SERVICE_CONFIG, useValue: config },
    { provide: LOGGER, useValue: logger },
    { provide: RpcClient, useValue: runtime.rpc },
  ];

  @Module({})
  class RuntimeModule {}

  return {
    module: RuntimeModule,
    global: true,
    imports: [definition.module],
    controllers: [healthControllerFor(definition.service), parkedMessagesControllerFor(definition.service)],
    providers,
    exports: providers,
  };
}
