import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { formatAmount } from '@broker/contracts';
import { projectionCollection, type DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE, LeaderWork, LOGGER, SERVICE_CONFIG, SERVICE_RUNTIME, type ServiceRuntime } from '@broker/runtime';
import type { ApprovalsConfig } from '../../approvals.config';
import { stepClock } from '../../approval-chains/step-timers/step-clock';
import { DECIDED_BY_SYSTEM } from '../../approval-chains/domain/chain-progress';
import { BudgetsRepository } from '../budgets.repository';
import { OrganizationSubscriptions } from '../committed-spend/organization-subscriptions';
import { inScope } from '../domain/budget-check';
import { thresholdNoticesDue } from '../domain/budget-notices';
import { budgetPeriodAt } from '../domain/budget-period';
import { committedSpendCents } from '../domain/committed-spend';
import { budgetOf, notifiedIn } from '../domain/budgets.decider';
import { budgetedOrganizationsProjection, type BudgetedOrganization } from './budgeted-organizations.projection';

const LOCK = 'approvals:budget-notices';
const PAGE = 200;

/**
 * Records each budget threshold (80 %, 100 %) committed spend has reached in the budget's current period, once per
 * period: the record is published, and the notifications service e-mails the organization's billing admins. One
 * replica looks at a time (a lease), every APPROVAL_TIMERS_INTERVAL_MS, by the same clock as the approval step
 * timers; a notice is recorded in the organization's budgets stream under its revision, so a look repeated after a
 * restart, or by two replicas around a change of leader, records nothing twice. Looking on a timer, not on each
 * approval, also notices a new period's spend when it starts.
 */
@Injectable()
export class BudgetNotices extends LeaderWork {
  private readonly clock: () => Date;

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(SERVICE_CONFIG) config: ApprovalsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly budgets: BudgetsRepository,
    private readonly subscriptions: OrganizationSubscriptions,
  ) {
    super({ runtime, logger, name: LOCK, what: 'budget notices', intervalMs: config.APPROVAL_TIMERS_INTERVAL_MS });
    this.clock = stepClock(config.APPROVALS_CLOCK_OFFSET_FILE);
  }

  /** One look at every organization with a budget. */
  override async look(signal?: AbortSignal): Promise<void> {
    const now = this.clock();
    let cursor: string | undefined;
    do {
      const page = await this.documents.find<BudgetedOrganization>(projectionCollection(budgetedOrganizationsProjection), { limit: PAGE, ...(cursor ? { cursor } : {}) });
      for (const { data } of page.items) {
        if (signal?.aborted) return;
        await this.noticesFor(data, now);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  private async noticesFor(organization: BudgetedOrganization, now: Date): Promise<void> {
    const { organizationId, resellerId } = organization;
    const { state } = await this.budgets.load(organizationId);
    const stored = Object.values(state.budgets);
    if (stored.length === 0) return;
    const subscriptions = await this.subscriptions.of(organizationId);
    const metadata = { actorId: DECIDED_BY_SYSTEM, correlationId: randomUUID(), resellerId, organizationId };
    for (const budget of stored) {
      const inForce = budgetOf(budget, budget.currency);
      const period = budgetPeriodAt(budget.period, now);
      const spent = committedSpendCents(inScope(inForce.scope, subscriptions), period);
      const due = thresholdNoticesDue({ budgetCents: inForce.amountCents, spendCents: spent, notified: notifiedIn(state, budget.costCentre, period.key) });
      for (const threshold of due) {
        await this.budgets.execute(
          organizationId,
          {
            type: 'RecordThresholdNotice',
            data: {
              organizationId,
              resellerId,
              costCentre: budget.costCentre,
              periodKey: period.key,
              threshold,
              period: budget.period,
              budget: formatAmount(inForce.amountCents, budget.currency),
              committedSpend: formatAmount(spent, budget.currency),
              currency: budget.currency,
            },
            at: now,
          },
          metadata,
        );
        this.logger.info({ organizationId, costCentre: budget.costCentre, periodKey: period.key, threshold }, 'budget threshold reached');
      }
    }
  }
}
