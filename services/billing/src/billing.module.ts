import { Module } from '@nestjs/common';
import { OrganizationAccessClient } from '@broker/runtime';
import { ConsistencyCheckController } from './consistency/consistency-check.controller';
import { BillingDetailsController } from './details/billing-details.controller';
import { BillingProjectionSupervisor } from './projections/projection-supervisor';
import { IntegrationEventRecorder } from './recording/integration-event-recorder';
import { BillingReportController } from './report/billing-report.controller';
import { BillingClock } from './shared/billing-clock';
import { BillingReadModel } from './shared/billing-read-model';
import { ResellerSummaryController } from './summary/reseller-summary.controller';

/** Billing: facts recorded from other services' events, versioned projections, reports, summary, details. */
@Module({
  controllers: [BillingReportController, ResellerSummaryController, BillingDetailsController, ConsistencyCheckController],
  providers: [BillingClock, BillingProjectionSupervisor, BillingReadModel, IntegrationEventRecorder, OrganizationAccessClient],
})
export class BillingModule {}
