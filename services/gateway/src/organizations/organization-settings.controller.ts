import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ActorDto } from '@broker/contracts';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { AmountsInResellerCurrency } from '../money/reseller-currency.interceptor';
import { OrganizationSettingsBody } from './organization-settings.body';
import { OrganizationSettingsClient } from './organization-settings.client';
import { OrganizationSettingsResponse } from './organization.responses';
import { SETTINGS_READERS } from './organizations.controller';

const orgIdPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations/:orgId/settings')
export class OrganizationSettingsController {
  constructor(private readonly settings: OrganizationSettingsClient) {}

  @Get()
  @Roles(...SETTINGS_READERS)
  @ApiOperation({ summary: "The organization's settings: approval policy, notification e-mail, billing start date" })
  @ApiOkResponse({ type: OrganizationSettingsResponse })
  get(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string): Promise<OrganizationSettingsResponse> {
    return this.settings.get(actor, organizationId);
  }

  @Put()
  @Roles('reseller_admin')
  @AmountsInResellerCurrency()
  @ApiOperation({ summary: "Set the organization's settings (idempotent: a repeated request changes nothing twice)" })
  @ApiOkResponse({ type: OrganizationSettingsResponse })
  set(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string, @Body() body: OrganizationSettingsBody): Promise<OrganizationSettingsResponse> {
    return this.settings.set(actor, organizationId, body);
  }
}
