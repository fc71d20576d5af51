import { BaseServiceConfig } from '@broker/platform';
import { runService } from '@broker/runtime';
import { BillingModule } from './billing.module';
import { BillingProjectionSupervisor } from './projections/projection-supervisor';
import { IntegrationEventRecorder } from './recording/integration-event-recorder';

void runService({
  service: 'billing',
  configClass: BaseServiceConfig,
  module: BillingModule,
  // Billing publishes nothing. Its projections run under the supervisor (versioned, switched by a rebuild), not
  // as fixed `projections` here; the consumers record other services' events as billing facts.
  background: async (_runtime, get) => {
    await get(BillingProjectionSupervisor).start();
    return { consumers: get(IntegrationEventRecorder).consumers() };
  },
});
