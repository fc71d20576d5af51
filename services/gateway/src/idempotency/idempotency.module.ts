import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { Logger } from 'pino';
import { deploymentNames } from '@broker/contracts';
import { statusForCode } from '@broker/messaging';
import { exitFatally, ProblemDetailsFilter } from '@broker/platform';
import type { GatewayConfig } from '../gateway.config';
import { GatewayNatsConnection } from '../shared/gateway-nats-connection';
import { IDEMPOTENCY_SETTINGS, IDEMPOTENCY_STORE, IdempotencyInterceptor, type IdempotencySettings } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency-store';

const IDEMPOTENCY_NATS = Symbol('IDEMPOTENCY_NATS');

class IdempotencyConnection implements OnApplicationShutdown {
  constructor(readonly connection: GatewayNatsConnection) {}

  /** Reconnects for ever like every connection (ADR 9); closed for good, the gateway cannot keep its promises and exits. */
  static async open(config: GatewayConfig, logger: Logger): Promise<IdempotencyConnection> {
    const connection = await GatewayNatsConnection.open(config, logger, 'idempotency', (reason, error) =>
      exitFatally(logger, `Gateway cannot keep idempotency keys any more: ${reason}`, error),
    );
    return new IdempotencyConnection(connection);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
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
          useFactory: (connection: IdempotencyConnection) => IdempotencyStore.open(connection.connection.nats, deploymentNames(config.DEPLOYMENT_NAME).idempotencyBucket),
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
