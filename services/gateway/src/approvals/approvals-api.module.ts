import { Module } from '@nestjs/common';
import { ApprovalsController } from './approvals.controller';

/** Approvals section of api-v1.md. */
@Module({ controllers: [ApprovalsController] })
export class ApprovalsApiModule {}
