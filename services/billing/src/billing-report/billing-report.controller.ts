import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { BillingReportRequest, BillingRpc, type BillingReport } from '@broker/contracts';
import { BillingClock } from '../shared/billing-clock';
import { BillingReadModel } from '../shared/billing-read-model';
import { queryBillingReport } from './billing-report.query';

/** GET /organizations/{orgId}/billing/report: a read model (it may lag a change by a moment). */
@Controller()
export class BillingReportController {
  constructor(
    private readonly readModel: BillingReadModel,
    private readonly clock: BillingClock,
  ) {}

  @RpcHandler(BillingRpc.report)
  async report(@Payload() request: BillingReportRequest): Promise<BillingReport> {
    return queryBillingReport(await this.readModel.reader(), request, this.clock.today());
  }
}
