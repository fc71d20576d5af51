import { Module } from '@nestjs/common';
import { ApprovalChainsController } from './approval-chains.controller';
import { ApprovalsController } from './approvals.controller';
import { BudgetsController } from './budgets.controller';
import { OutOfOfficeController } from './out-of-office.controller';

/** Approvals section of api-v1.md. */
@Module({ controllers: [ApprovalsController, ApprovalChainsController, OutOfOfficeController, BudgetsController] })
export class ApprovalsApiModule {}
