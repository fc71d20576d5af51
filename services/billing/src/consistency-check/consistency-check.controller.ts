import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BillingRpc, ConsistencyCheckRequest, maySeeOrganization, type ConsistencyReport } from '@broker/contracts';
import { RpcHandler } from '@broker/messaging';
import type { EventStore } from '@broker/event-sourcing';
import type { DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE, EVENT_STORE } from '@broker/runtime';
import { BillingClock } from '../shared/billing-clock';
import { BillingReadModel } from '../shared/billing-read-model';
import { BillingForbiddenError, BillingOrganizationNotFoundError } from '../shared/billing.errors';
import { ConsistencyCheck } from './consistency-check';

/**
 * Operations: recompute one organization's totals from billing's event history and compare them with the active
 * projection. The platform admin and the organization's reseller admins may ask.
 */
@Controller()
export class ConsistencyCheckController {
  private readonly checker: ConsistencyCheck;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    private readonly readModel: BillingReadModel,
    private readonly clock: BillingClock,
  ) {
    this.checker = new ConsistencyCheck(events, documents);
  }

  @RpcHandler(BillingRpc.checkConsistency)
  async check(@Payload() request: ConsistencyCheckRequest): Promise<ConsistencyReport> {
    const { actor, organizationId } = request;
    const reader = await this.readModel.reader();
    const organization = await reader.organization(organizationId);
    if (!organization || !maySeeOrganization(actor, organization)) throw new BillingOrganizationNotFoundError(organizationId);
    if (actor.role !== 'platform_admin' && actor.role !== 'reseller_admin') throw new BillingForbiddenError('check billing consistency');
    const report = await this.checker.check(reader.collections, organizationId, this.clock.today());
    if (!report) throw new BillingOrganizationNotFoundError(organizationId);
    return report;
  }
}
