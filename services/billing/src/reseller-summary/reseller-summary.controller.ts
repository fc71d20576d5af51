import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { BillingRpc, ResellerSummaryRequest, type ResellerSummary } from '@broker/contracts';
import { BillingClock } from '../shared/billing-clock';
import { BillingReadModel } from '../shared/billing-read-model';
import { queryResellerSummary } from './reseller-summary.query';

/** GET /billing/summary: a read model (it may lag a change by a moment). */
@Controller()
export class ResellerSummaryController {
  constructor(
    private readonly readModel: BillingReadModel,
    private readonly clock: BillingClock,
  ) {}

  @RpcHandler(BillingRpc.summary)
  async summary(@Payload() request: ResellerSummaryRequest): Promise<ResellerSummary> {
    return queryResellerSummary(await this.readModel.reader(), request, this.clock.today());
  }
}
