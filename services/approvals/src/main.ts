import { runService } from '@broker/runtime';
import { ApprovalsConfig } from './approvals.config';
import { ApprovalsModule } from './approvals.module';
import { StepTimers } from './approval-chains/step-timers/step-timers';
import { BudgetNotices } from './budgets/budget-notices/budget-notices';

void runService({
  service: 'approvals',
  configClass: ApprovalsConfig,
  module: ApprovalsModule,
  background: (_runtime, get) => {
    get(StepTimers).start();
    get(BudgetNotices).start();
  },
});
