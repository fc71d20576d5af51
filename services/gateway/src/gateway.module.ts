import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { RpcClient, statusForCode } from '@broker/messaging';
import { correlationMiddleware, httpLoggerParams, ProblemDetailsFilter } from '@broker/platform';
import { AuthGuard } from './auth/auth.guard';
import { LoginController } from './auth/login/login.controller';
import type { GatewayConfig } from './gateway.config';
import { HealthController } from './health/health.controller';
import { ResellersController } from './resellers/resellers.controller';

@Module({})
export class GatewayModule implements NestModule {
  static register(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: GatewayModule,
      imports: [LoggerModule.forRoot(httpLoggerParams(logger))],
      controllers: [HealthController, LoginController, ResellersController],
      providers: [
        {
          provide: RpcClient,
          useFactory: async () => {
            const client = new RpcClient({ deployment: config.DEPLOYMENT_NAME, servers: config.NATS_URL.split(','), timeoutMs: config.RPC_TIMEOUT_MS, name: 'gateway' });
            await client.connect();
            return client;
          },
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useFactory: () => new ProblemDetailsFilter(logger, { statusForCode: (code) => statusForCode(code) }) },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(correlationMiddleware).forRoutes('{*splat}');
  }
}
