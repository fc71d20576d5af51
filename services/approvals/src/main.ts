import { BaseServiceConfig } from '@broker/platform';
import { runService } from '@broker/runtime';
import { ApprovalsModule } from './approvals.module';
import { approvalsEventMapper } from './integration-event-mapper';
import { ORGANIZATION_NAMES, organizationNameHandlers } from './transactions/organization-names/organization-names.consumer';
import { transactionListProjection } from './transactions/transaction-list/transaction-list.projection';

void runService({
  service: 'approvals',
  configClass: BaseServiceConfig,
  module: ApprovalsModule,
  background: async (runtime) => {
    await runtime.documentStore.ensureCollection(ORGANIZATION_NAMES);
    return {
      mapper: approvalsEventMapper,
      projections: [transactionListProjection],
      consumers: [{ name: 'organization-names', from: 'organizations', handlers: organizationNameHandlers }],
    };
  },
});
