import { OrganizationAccessClient, ServiceModule } from '@broker/runtime';
import { ConsistencyCheckController } from './consistency-check/consistency-check.controller';
import { BillingDetailsController } from './billing-details/billing-details.controller';
import { BILLING_PROJECTIONS } from './projections/billing-projections';
import { IntegrationEventRecorder } from './recording/integration-event-recorder';
import { BillingReportController } from './billing-report/billing-report.controller';
import { BillingClock } from './shared/billing-clock';
import { BillingReadModel } from './shared/billing-read-model';
import { ResellerSummaryController } from './reseller-summary/reseller-summary.controller';

/** Billing: facts recorded from other services' events, versioned projections, reports, summary, details. */
@ServiceModule({
  controllers: [BillingReportController, ResellerSummaryController, BillingDetailsController, ConsistencyCheckController],
  providers: [BillingClock, BillingReadModel, OrganizationAccessClient],
  // Billing publishes nothing; its projections move to a new version together (npm run billing:rebuild).
  versionedProjections: [BILLING_PROJECTIONS],
  consumers: [IntegrationEventRecorder],
})
export class BillingModule {}
