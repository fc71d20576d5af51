import { OrganizationAccessClient, ServiceModule } from '@broker/runtime';
import { ConsistencyCheckController } from './consistency/consistency-check.controller';
import { BillingDetailsController } from './details/billing-details.controller';
import { BillingProjectionSupervisor } from './projections/projection-supervisor';
import { IntegrationEventRecorder } from './recording/integration-event-recorder';
import { BillingReportController } from './report/billing-report.controller';
import { BillingClock } from './shared/billing-clock';
import { BillingReadModel } from './shared/billing-read-model';
import { ResellerSummaryController } from './summary/reseller-summary.controller';

/** Billing: facts recorded from other services' events, versioned projections, reports, summary, details. */
@ServiceModule({
  controllers: [BillingReportController, ResellerSummaryController, BillingDetailsController, ConsistencyCheckController],
  providers: [BillingClock, BillingProjectionSupervisor, BillingReadModel, OrganizationAccessClient],
  // Billing publishes nothing; its projections run under the supervisor (versioned, switched by a rebuild).
  consumers: [IntegrationEventRecorder],
})
export class BillingModule {}
