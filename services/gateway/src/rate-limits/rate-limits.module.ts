import { Global, Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { Logger } from 'pino';
import { deploymentNames } from '@broker/contracts';
import type { GatewayConfig } from '../gateway.config';
import { GatewayNatsConnection } from '../shared/gateway-nats-connection';
import { policiesOf } from './rate-limit-policies';
import { AddressRateLimitMiddleware, AuthRateLimitMiddleware } from './rate-limit.middleware';
import { RateLimiter } from './rate-limiter';
import { UserRateLimitInterceptor } from './user-rate-limit.interceptor';

class RateLimitConnection implements OnApplicationShutdown {
  constructor(
    readonly limiter: RateLimiter,
    private readonly connection: GatewayNatsConnection,
  ) {}

  /** Reconnects for ever (ADR 9); closed for good, the limiter keeps counting locally. */
  static async open(config: GatewayConfig, logger: Logger): Promise<RateLimitConnection> {
    const connection = await GatewayNatsConnection.open(config, logger, 'rate-limits', (reason, error) =>
      logger.error({ err: error, reason }, 'Rate-limit counts cannot be shared any more: counting locally'),
    );
    const limiter = new RateLimiter(connection.nats, deploymentNames(config.DEPLOYMENT_NAME).rateLimitSubject, {
      policies: policiesOf(config),
      syncIntervalMs: config.RATE_LIMIT_SYNC_INTERVAL_MS,
      logger,
    });
    limiter.start();
    return new RateLimitConnection(limiter, connection);
  }

  async onApplicationShutdown(): Promise<void> {
    this.limiter.stop();
    await this.connection.close();
  }
}

const RATE_LIMIT_CONNECTION = Symbol('RATE_LIMIT_CONNECTION');

/**
 * Rate limits of the whole API, shared by the gateway replicas (docs/adr/0020-rate-limits-shared-across-replicas.md):
 * per source address on every request but /health, stricter per address on login and refresh, per user on
 * authenticated requests.
 */
@Global()
@Module({})
export class RateLimitsModule implements NestModule {
  static register(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: RateLimitsModule,
      providers: [
        { provide: RATE_LIMIT_CONNECTION, useFactory: () => RateLimitConnection.open(config, logger) },
        { provide: RateLimiter, inject: [RATE_LIMIT_CONNECTION], useFactory: (connection: RateLimitConnection) => connection.limiter },
        { provide: APP_INTERCEPTOR, useClass: UserRateLimitInterceptor },
      ],
      exports: [RateLimiter],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(AddressRateLimitMiddleware)
      .exclude({ path: 'health', method: RequestMethod.GET }, { path: 'health/live', method: RequestMethod.GET }, { path: 'health/ready', method: RequestMethod.GET })
      .forRoutes('{*splat}');
    consumer.apply(AuthRateLimitMiddleware).forRoutes({ path: 'auth/login', method: RequestMethod.POST }, { path: 'auth/refresh', method: RequestMethod.POST });
  }
}
