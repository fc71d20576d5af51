import { Module } from '@nestjs/common';
import { ApprovalChainsController } from './approval-chains.controller';
import { ApprovalsController } from './approvals.controller';

/** Approvals section of api-v1.md. */
@Module({ controllers: [ApprovalsController, ApprovalChainsController] })
export class ApprovalsApiModule {}
