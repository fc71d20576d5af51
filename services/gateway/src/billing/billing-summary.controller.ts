import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BillingRpc, type ActorDto, type ResellerSummary } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { BillingSummaryQuery } from './billing.queries';
import { BillingSummaryResponse } from './billing.responses';
import { Answers } from '../openapi/answers.decorator';

/** The reseller's month across its organizations. */
@ApiTags('billing')
@ApiBearerAuth()
@Controller('billing/summary')
export class BillingSummaryController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Answers(BillingRpc.summary)
  @Roles('reseller_admin')
  @ApiOperation({
    summary: 'Revenue (sell prices), cost (cost prices, same accrual) and margin per organization for one month, with totals',
    description: "Each organization's revenue equals the total of its own report for the month. A read model: it may lag a change by a moment.",
  })
  @ApiOkResponse({ type: BillingSummaryResponse })
  @ApiBadRequestResponse({ description: 'A month not written YYYY-MM' })
  @ApiForbiddenResponse({ description: 'Only reseller admins' })
  @ApiNotFoundResponse({ description: 'Another reseller' })
  summary(@CurrentActor() actor: ActorDto, @Query() query: BillingSummaryQuery): Promise<ResellerSummary> {
    return this.rpc.call(BillingRpc.summary, { actor, ...query });
  }
}
