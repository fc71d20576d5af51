import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { connect, type NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { deploymentNames } from '@broker/contracts';
import { NatsConnectionMonitor, natsInboxPrefix, statusForCode } from '@broker/messaging';
import { exitFatally, ProblemDetailsFilter } from '@broker/platform';
import type { GatewayConfig } from '../gateway.config';
import { IDEMPOTENCY_SETTINGS, IDEMPOTENCY_STORE, IdempotencyInterceptor, type IdempotencySettings } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency-store';

const IDEMPOTENCY_NATS = Symbol('IDEMPOTENCY_NATS');

class IdempotencyConnection implements OnApplicationShutdown {
  constructor(
    readonly nats: NatsConnection,
    private readonly monitor: NatsConnectionMonitor,
  ) {}

  /** Reconnects for ever like every connection (ADR 9); closed for good, the gateway cannot keep its promises and exits. */
  static async open(config: GatewayConfig, logger: Logger): Promise<IdempotencyConnection> {
    const name = `${config.DEPLOYMENT_NAME}-gateway-idempotency`;
    const monitor = new NatsConnectionMonitor({
      name,
      logger,
      onUnexpectedClose: (reason, error) => exitFatally(logger, `Gateway cannot keep idempotency keys any more: ${reason}`, error),
    });
    const nats = await connect({ servers: config.NATS_URL.split(','), name, ...config.natsCredentials, inboxPrefix: natsInboxPrefix(config.DEPLOYMENT_NAME, 'gateway'), ...monitor.connectionOptions() });
    monitor.watch(nats);
    return new IdempotencyConnection(nats, monitor);
  }

  async onApplicationShutdown(): Promise<void> {
    this.monitor.expectClose();
    await this.nats.drain().catch(() => undefined);
  }
}

/** Idempotency keys on every POST of the API (see IdempotencyInterceptor), kept in JetStream. */
@Global()
@Module({})
export class IdempotencyModule {
  static register(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: IdempotencyModule,
      providers: [
        {
          provide: IDEMPOTENCY_NATS,
          useFactory: () => IdempotencyConnection.open(config, logger),
        },
        {
          provide: IDEMPOTENCY_STORE,
          inject: [IDEMPOTENCY_NATS],
          useFactory: (connection: IdempotencyConnection) => IdempotencyStore.open(connection.nats, deploymentNames(config.DEPLOYMENT_NAME).idempotencyBucket),
        },
        {
          provide: IDEMPOTENCY_SETTINGS,
          useValue: {
            waitMs: config.IDEMPOTENCY_WAIT_MS,
            logger,
            problems: new ProblemDetailsFilter(logger, { statusForCode: (code) => statusForCode(code) }),
          } satisfies IdempotencySettings,
        },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
