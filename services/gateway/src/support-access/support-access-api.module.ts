import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { SupportAccessInterceptor } from './support-access.interceptor';
import { SupportAccessesController } from './support-accesses.controller';

/** The platform admin's recorded support reads of organizations, and their list (docs/adr/0023-recorded-support-access.md). */
@Module({
  controllers: [SupportAccessesController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: SupportAccessInterceptor }],
})
export class SupportAccessApiModule {}
