import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { statusForCode } from '@broker/messaging';
import { correlationMiddleware, httpLoggerParams, ProblemDetailsFilter } from '@broker/platform';
import { AdminApiModule } from './admin/admin-api.module';
import { ActivityApiModule } from './activity/activity-api.module';
import { WebhooksApiModule } from './webhooks/webhooks-api.module';
import { ApprovalsApiModule } from './approvals/approvals-api.module';
import { AuthApiModule } from './auth/auth-api.module';
import { AuthGuard } from './auth/auth.guard';
import { TokenVerificationModule } from './auth/token-verification/token-verification.module';
import { BillingApiModule } from './billing/billing-api.module';
import { CatalogApiModule } from './catalog/catalog-api.module';
import type { GatewayConfig } from './gateway.config';
import { HealthController } from './health/health.controller';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { MoneyModule } from './money/money.module';
import { OrganizationsApiModule } from './organizations/organizations-api.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { ResellersApiModule } from './resellers/resellers-api.module';
import { RpcClientModule } from './rpc/rpc-client.module';
import { RouteContractsInterceptor } from './rpc/route-contracts';
import { InputHygieneGuard } from './shared/input-hygiene/input-hygiene.guard';
import { SupportApiModule } from './support/support-api.module';
import { SupportAccessApiModule } from './support-access/support-access-api.module';
import { TransactionsApiModule } from './transactions/transactions-api.module';
import { UsersImportApiModule } from './users-import/users-import-api.module';
import { UsersApiModule } from './users/users-api.module';

@Module({})
export class GatewayModule implements NestModule {
  static register(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        LoggerModule.forRoot(httpLoggerParams(logger)),
        RpcClientModule.register(config),
        // Before IdempotencyModule: a request over its limit is refused before it claims a key.
        RateLimitsModule.register(config, logger),
        IdempotencyModule.register(config, logger),
        TokenVerificationModule.register(config, logger),
        HealthModule.register(config, logger),
        MoneyModule,
        AuthApiModule,
        ResellersApiModule,
        OrganizationsApiModule,
        UsersApiModule,
        UsersImportApiModule,
        CatalogApiModule,
        TransactionsApiModule,
        ApprovalsApiModule,
        ActivityApiModule,
        WebhooksApiModule,
        BillingApiModule,
        SupportApiModule,
        SupportAccessApiModule,
        AdminApiModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: InputHygieneGuard },
        { provide: APP_INTERCEPTOR, useClass: RouteContractsInterceptor },
        { provide: APP_FILTER, useFactory: () => new ProblemDetailsFilter(logger, { statusForCode: (code) => statusForCode(code) }) },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(correlationMiddleware).forRoutes('{*splat}');
  }
}
