import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  OrganizationRpc,
  type ActorDto,
  type AddOrganizationDomainRequest,
  type GetOrganizationRequest,
  type OrganizationDomainRequest,
  type OrganizationDomainView,
  type OrganizationView,
} from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { AddDomainBody } from './organization.bodies';
import { OrganizationDomainResponse } from './organization.responses';
import { ORGANIZATION_ROLES_ALL } from './organizations.controller';

const orgIdPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations/:orgId/domains')
export class OrganizationDomainsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Roles(...ORGANIZATION_ROLES_ALL)
  @ApiOperation({ summary: "The organization's domains, the primary one first" })
  @ApiOkResponse({ type: [OrganizationDomainResponse] })
  async list(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string): Promise<OrganizationDomainView[]> {
    const view = await this.rpc.request<OrganizationView, GetOrganizationRequest>(OrganizationRpc.get, { actor, organizationId });
    return view.domains.map((domain) => ({ domain, primary: domain === view.primaryDomain }));
  }

  @Post()
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({ summary: 'Add a domain; 409 when another organization has it' })
  @ApiCreatedResponse({ type: OrganizationDomainResponse })
  add(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string, @Body() body: AddDomainBody): Promise<OrganizationDomainView> {
    return this.rpc.request<OrganizationDomainView, AddOrganizationDomainRequest>(OrganizationRpc.addDomain, { actor, organizationId, domain: body.domain });
  }

  @Delete(':domain')
  @HttpCode(204)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({ summary: 'Remove a domain; 409 for the primary domain and for a domain users still have in their usernames' })
  @ApiNoContentResponse()
  async remove(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string, @Param('domain') domain: string): Promise<void> {
    await this.rpc.request<unknown, OrganizationDomainRequest>(OrganizationRpc.removeDomain, { actor, organizationId, domain: domain.slice(0, 300) });
  }
}
