import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Put, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { BillingRpc, type ActorDto, type BillingReport } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { withEntityTag } from '../shared/entity-tags/entity-tag';
import { ApiConditionalReplace, ApiVersionedRead, ExpectedVersions } from '../shared/entity-tags/entity-tag.decorators';
import { BillingDetailsBody } from './billing.bodies';
import { BillingReportQuery } from './billing.queries';
import { BillingDetailsResponse, BillingReportResponse } from './billing.responses';
import { billingReportCsv, wantsCsv } from './billing-report.csv';
import { Answers } from '../openapi/answers.decorator';

const orgIdPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });
const READERS = ['reseller_admin', 'org_admin', 'org_viewer', 'org_billing_admin'] as const;

/** An organization's billing: the cost breakdown report (JSON or CSV) and its billing details. */
@ApiTags('billing')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Your role may not do this' })
@ApiNotFoundResponse({ description: 'No such organization, or one of another tenant' })
@Controller('organizations/:orgId/billing')
export class OrganizationBillingController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('report')
  @Answers(BillingRpc.report)
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Cost breakdown per month, grouped by service or by user, with its total; `Accept: text/csv` gives the same lines and total as CSV',
    description:
      'Charges accrue per UTC day: quantity x unit price / days in the month (annual products: unit price / 12 / days in the month); ' +
      'a change effective on a day applies from that day, a cancellation stops charges before it. Each line is rounded half-up once; ' +
      'grouped by user, each line is split per assigned seat (plus the unassigned seats) so both groupings give the same total. ' +
      'Nothing before the billing start date is shown (`effectiveFrom`); the current month is billed in advance to its end and later months are left out. ' +
      'A read model: it may lag a change by a moment.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: BillingReportResponse })
  @ApiBadRequestResponse({ description: 'A month not written YYYY-MM, `to` before `from`, or more than 120 months' })
  async report(
    @CurrentActor() actor: ActorDto,
    @Param('orgId', orgIdPipe) organizationId: string,
    @Query() query: BillingReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BillingReport | string> {
    const report = await this.rpc.call(BillingRpc.report, { actor, organizationId, ...query });
    if (!wantsCsv(accept)) return report;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="billing-${report.from}-${report.to}-by-${report.groupBy}.csv"`);
    return billingReportCsv(report);
  }

  @Get('details')
  @Answers(BillingRpc.getDetails)
  @Roles(...READERS)
  @ApiOperation({ summary: 'Billing contact, purchase order reference and invoice address (null until set)' })
  @ApiVersionedRead(BillingDetailsResponse)
  async details(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string, @Res({ passthrough: true }) response: Response): Promise<BillingDetailsResponse> {
    return withEntityTag(response, await this.rpc.call(BillingRpc.getDetails, { actor, organizationId }));
  }

  @Put('details')
  @Answers(BillingRpc.setDetails)
  @Roles('reseller_admin', 'org_admin', 'org_billing_admin')
  @ApiOperation({ summary: 'Set the billing details; a GET right after sees them' })
  @ApiConditionalReplace(BillingDetailsResponse, 'BILLING_DETAILS.VERSION_MISMATCH')
  @ApiBadRequestResponse({ description: 'A missing or invalid field' })
  async setDetails(
    @CurrentActor() actor: ActorDto,
    @Param('orgId', orgIdPipe) organizationId: string,
    @Body() body: BillingDetailsBody,
    @ExpectedVersions() expectedVersions: string[] | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BillingDetailsResponse> {
    const details = await this.rpc.call(BillingRpc.setDetails, { actor, organizationId, ...body, expectedVersions });
    return withEntityTag(response, details);
  }
}
