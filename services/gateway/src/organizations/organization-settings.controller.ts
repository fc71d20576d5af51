import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApprovalPolicyRpc, OrganizationRpc, ResellerRpc, type ActorDto } from '@broker/contracts';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { withEntityTag } from '../shared/entity-tags/entity-tag';
import { ApiConditionalReplace, ApiVersionedRead, ExpectedVersions } from '../shared/entity-tags/entity-tag.decorators';
import { AmountsInResellerCurrency } from '../money/reseller-currency.interceptor';
import { OrganizationSettingsBody } from './organization-settings.body';
import { OrganizationSettingsClient, SETTINGS_VERSION_MISMATCH } from './organization-settings.client';
import { OrganizationSettingsResponse } from './organization.responses';
import { SETTINGS_READERS } from './organizations.controller';
import { Answers } from '../openapi/answers.decorator';

const orgIdPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** The settings' ETag covers all of them: a change of the notification e-mail through PATCH of the organization too. */
@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations/:orgId/settings')
export class OrganizationSettingsController {
  constructor(private readonly settings: OrganizationSettingsClient) {}

  @Get()
  @Answers(OrganizationRpc.getSettings, ApprovalPolicyRpc.get)
  @Roles(...SETTINGS_READERS)
  @ApiOperation({ summary: "The organization's settings: approval policy, notification e-mail, billing start date" })
  @ApiVersionedRead(OrganizationSettingsResponse)
  async get(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string, @Res({ passthrough: true }) response: Response): Promise<OrganizationSettingsResponse> {
    return withEntityTag(response, await this.settings.get(actor, organizationId));
  }

  @Put()
  @Answers(OrganizationRpc.getSettings, ApprovalPolicyRpc.get, OrganizationRpc.setSettings, ApprovalPolicyRpc.set, ResellerRpc.currency)
  @Roles('reseller_admin')
  @AmountsInResellerCurrency()
  @ApiOperation({ summary: "Set the organization's settings (idempotent: a repeated request changes nothing twice)" })
  @ApiConditionalReplace(OrganizationSettingsResponse, SETTINGS_VERSION_MISMATCH)
  async set(
    @CurrentActor() actor: ActorDto,
    @Param('orgId', orgIdPipe) organizationId: string,
    @Body() body: OrganizationSettingsBody,
    @ExpectedVersions() expectedVersions: string[] | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrganizationSettingsResponse> {
    return withEntityTag(response, await this.settings.set(actor, organizationId, body, expectedVersions));
  }
}
