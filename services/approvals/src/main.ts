import { BaseServiceConfig } from '@broker/platform';
import { runService } from '@broker/runtime';
import { ApprovalsModule } from './approvals.module';

void runService({ service: 'approvals', configClass: BaseServiceConfig, module: ApprovalsModule });
