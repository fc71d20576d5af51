import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { projectionCollection, type DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE, LeaderWork, LOGGER, SERVICE_CONFIG, SERVICE_RUNTIME, type ServiceRuntime } from '@broker/runtime';
import type { ApprovalsConfig } from '../../approvals.config';
import { OutOfOfficeRepository } from '../../out-of-office/out-of-office.repository';
import { transactionListProjection, type TransactionListEntry } from '../../transactions/transaction-list/transaction-list.projection';
import { TransactionRepository } from '../../transactions/transaction.repository';
import { ApprovalChainsRepository } from '../approval-chains.repository';
import { DECIDED_BY_SYSTEM } from '../domain/chain-progress';
import { escalationOf } from '../domain/approval-chains.decider';
import { dueNow, type EscalationSettings } from '../domain/escalation-schedule';
import { stepClock } from './step-clock';

const LOCK = 'approvals:step-timers';
/** Pending transactions read per page of a look. */
const PAGE = 200;

type Stage = 'reminder' | 'escalation' | 'auto_reject';

/**
 * Chases pending approval steps by their organization's escalation settings: a reminder, an escalation, an automatic
 * rejection, each when due by the clock. One replica looks at a time (a lease); each stage of a step is recorded once
 * in the transaction's stream (its events are named by the step and checked against it), so a look repeated after a
 * restart, or by two replicas around a change of leader, records nothing twice.
 */
@Injectable()
export class StepTimers extends LeaderWork {
  private readonly clock: () => Date;

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(SERVICE_CONFIG) config: ApprovalsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly transactions: TransactionRepository,
    private readonly chains: ApprovalChainsRepository,
    private readonly outOfOffice: OutOfOfficeRepository,
  ) {
    super({ runtime, logger, name: LOCK, what: 'approval step timers', intervalMs: config.APPROVAL_TIMERS_INTERVAL_MS });
    this.clock = stepClock(config.APPROVALS_CLOCK_OFFSET_FILE);
  }

  /** One look at every pending transaction: what is due for its current step now is recorded. */
  override async look(signal?: AbortSignal): Promise<void> {
    const now = this.clock();
    const settings = new Map<string, EscalationSettings | null>();
    let cursor: string | undefined;
    do {
      const page = await this.documents.find<TransactionListEntry>(projectionCollection(transactionListProjection), {
        where: { status: 'pending_approval' },
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      for (const { data } of page.items) {
        if (signal?.aborted) return;
        if (!settings.has(data.organizationId)) settings.set(data.organizationId, escalationOf(await this.chains.load(data.organizationId)));
        const escalation = settings.get(data.organizationId);
        if (escalation) await this.chase(data, escalation, now);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  private async chase(entry: TransactionListEntry, escalation: EscalationSettings, now: Date): Promise<void> {
    const state = await this.transactions.load(entry.id);
    if (state.status !== 'pending_approval' || !state.chain || state.chain.status !== 'pending') return;
    const chain = state.chain;
    const due = dueNow({ stepReachedAt: new Date(chain.stepReachedAt), settings: escalation, sent: { reminderSent: chain.reminderSent, escalationSent: chain.escalationSent }, now });
    const stages: Stage[] = due.autoReject ? ['auto_reject'] : [...(due.remind ? (['reminder'] as const) : []), ...(due.escalate ? (['escalation'] as const) : [])];
    if (stages.length === 0) return;
    const outOfOffice = await this.outOfOffice.periodsOf(entry.organizationId);
    const metadata = { actorId: DECIDED_BY_SYSTEM, correlationId: randomUUID(), resellerId: entry.resellerId, organizationId: entry.organizationId };
    for (const stage of stages) {
      const reason = stage === 'auto_reject' ? `No decision within ${escalation.autoRejectAfterMinutes} minutes of step ${chain.current + 1}: rejected automatically` : undefined;
      await this.transactions.execute(
        entry.id,
        async () => ({
          command: { type: 'ChaseStep', data: { transactionId: entry.id, stepIndex: chain.current, stage, outOfOffice, ...(reason ? { reason } : {}) }, actorId: DECIDED_BY_SYSTEM, at: now },
          ledger: null,
        }),
        metadata,
      );
      this.logger.info({ transactionId: entry.id, stepIndex: chain.current, stage }, 'approval step chased');
    }
  }
}
