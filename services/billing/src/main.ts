import { BaseServiceConfig } from '@broker/platform';
import { runService } from '@broker/runtime';
import { BillingModule } from './billing.module';

void runService({ service: 'billing', configClass: BaseServiceConfig, module: BillingModule });
