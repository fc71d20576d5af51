import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ActivityRpc, type ActivityEntryView, type ActorDto, type ListActivityRequest, type Page } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { wantsCsv } from '../billing/billing-report.csv';
import { Answers } from '../openapi/answers.decorator';
import { activityCsv } from './activity.csv';
import { ActivityQuery } from './activity.query';
import { ActivityListResponse } from './activity.responses';

const idPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });
/** A CSV export reads this many pages of 500 at most; more is continued from the `Link: rel="next"` cursor. */
const CSV_PAGES = 20;
const LIST_SUMMARY =
  'Newest first; filter by actor, action, target and time; `Accept: text/csv` gives every matching entry (up to 10,000, continued by the `Link: rel="next"` header) as CSV. ' +
  'A read model of the services\' events: it follows an action by a moment. Entries are kept ACTIVITY_RETENTION_DAYS (default 400).';

/**
 * The activity log: who did what, to what, when, from which request, built from the events of every service. One
 * list per organization, per reseller (its own actions and its organizations') and for the platform.
 */
@ApiTags('activity')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Your role may not read this list' })
@ApiNotFoundResponse({ description: 'No such organization or reseller (or one of another tenant)' })
@Controller()
export class ActivityController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('organizations/:orgId/activity')
  @Answers(ActivityRpc.list)
  @Roles('reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer')
  @ApiOperation({ summary: "The organization's activity log", description: LIST_SUMMARY })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ActivityListResponse })
  organization(
    @CurrentActor() actor: ActorDto,
    @Param('orgId', idPipe) organizationId: string,
    @Query() query: ActivityQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Page<ActivityEntryView> | string> {
    return this.answer({ actor, scope: 'organization', tenantId: organizationId, ...query }, accept, response, `activity-${organizationId}`);
  }

  @Get('resellers/:resellerId/activity')
  @Answers(ActivityRpc.list)
  @Roles('reseller_admin', 'platform_admin')
  @ApiOperation({ summary: "The reseller's activity log: its own actions and its organizations'", description: LIST_SUMMARY })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ActivityListResponse })
  reseller(
    @CurrentActor() actor: ActorDto,
    @Param('resellerId', idPipe) resellerId: string,
    @Query() query: ActivityQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Page<ActivityEntryView> | string> {
    return this.answer({ actor, scope: 'reseller', tenantId: resellerId, ...query }, accept, response, `activity-${resellerId}`);
  }

  @Get('activity')
  @Answers(ActivityRpc.list)
  @Roles('platform_admin')
  @ApiOperation({ summary: "The whole platform's activity log (the platform admin), refused sign-ins of unknown usernames included", description: LIST_SUMMARY })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ActivityListResponse })
  platform(
    @CurrentActor() actor: ActorDto,
    @Query() query: ActivityQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Page<ActivityEntryView> | string> {
    return this.answer({ actor, scope: 'platform', ...query }, accept, response, 'activity-platform');
  }

  /** A page as JSON, or as CSV every page up to the export's bound (the rest through `Link: rel="next"`). */
  private async answer(request: ListActivityRequest, accept: string | undefined, response: Response, name: string): Promise<Page<ActivityEntryView> | string> {
    if (!wantsCsv(accept)) return this.rpc.call(ActivityRpc.list, request);
    const entries: ActivityEntryView[] = [];
    let cursor = request.cursor;
    for (let page = 0; page < CSV_PAGES; page++) {
      const answer = await this.rpc.call(ActivityRpc.list, { ...request, limit: 500, ...(cursor ? { cursor } : {}) });
      entries.push(...answer.items);
      cursor = answer.nextCursor ?? undefined;
      if (!cursor) break;
    }
    if (cursor) response.setHeader('Link', `<?cursor=${encodeURIComponent(cursor)}>; rel="next"`);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
    return activityCsv(entries);
  }
}
