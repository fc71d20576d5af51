import { BaseServiceConfig } from '@broker/platform';
import { runService } from '@broker/runtime';
import { BillingModule } from './billing.module';
import { BillingProjectionSupervisor } from './projections/projection-supervisor';

void runService({
  service: 'billing',
  configClass: BaseServiceConfig,
  module: BillingModule,
  background: (_runtime, get) => get(BillingProjectionSupervisor).start(),
});
