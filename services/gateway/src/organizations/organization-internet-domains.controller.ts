import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  OrganizationRpc,
  type ActorDto,
  type OrganizationDomainView,
} from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { AddDomainBody } from './organization.bodies';
import { OrganizationDomainResponse } from './organization.responses';
import { ORGANIZATION_ROLES_ALL } from './organizations.controller';
import { Answers } from '../openapi/answers.decorator';

const orgIdPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations/:orgId/domains')
export class OrganizationInternetDomainsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Answers(OrganizationRpc.listDomains)
  @Roles(...ORGANIZATION_ROLES_ALL)
  @ApiOperation({ summary: "The organization's domains: the verified ones (the primary first), then those waiting for verification" })
  @ApiOkResponse({ type: [OrganizationDomainResponse] })
  list(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string): Promise<OrganizationDomainView[]> {
    return this.rpc.call(OrganizationRpc.listDomains, { actor, organizationId });
  }

  @Post()
  @Answers(OrganizationRpc.addDomain)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({
    summary:
      "Add a domain. A reseller admin's is verified at once (409 when another organization has it); an organization admin's is pending, with the DNS TXT record that proves it",
  })
  @ApiCreatedResponse({ type: OrganizationDomainResponse })
  @ApiConflictResponse({ description: 'Another organization has the domain, or too many domains are waiting for verification' })
  add(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string, @Body() body: AddDomainBody): Promise<OrganizationDomainView> {
    return this.rpc.call(OrganizationRpc.addDomain, { actor, organizationId, domain: body.domain });
  }

  @Post(':domain/verify')
  @Answers(OrganizationRpc.verifyDomain)
  @HttpCode(200)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({ summary: "Check a pending domain's DNS TXT record now; found, the domain becomes verified" })
  @ApiOkResponse({ type: OrganizationDomainResponse })
  @ApiConflictResponse({ description: 'The record is not published (yet), the verification expired, or another organization has the domain' })
  @ApiNotFoundResponse({ description: 'The organization has no such domain' })
  verify(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string, @Param('domain') domain: string): Promise<OrganizationDomainView> {
    return this.rpc.call(OrganizationRpc.verifyDomain, { actor, organizationId, domain: domain.slice(0, 300) });
  }

  @Post(':domain/approve')
  @Answers(OrganizationRpc.approveDomain)
  @HttpCode(200)
  @Roles('reseller_admin')
  @ApiOperation({ summary: 'The reseller vouches for a pending domain: it becomes verified without a DNS record' })
  @ApiOkResponse({ type: OrganizationDomainResponse })
  @ApiForbiddenResponse({ description: "Only the organization's reseller admin may approve" })
  @ApiConflictResponse({ description: 'Another organization has the domain' })
  @ApiNotFoundResponse({ description: 'The organization has no such domain' })
  approve(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string, @Param('domain') domain: string): Promise<OrganizationDomainView> {
    return this.rpc.call(OrganizationRpc.approveDomain, { actor, organizationId, domain: domain.slice(0, 300) });
  }

  @Delete(':domain')
  @Answers(OrganizationRpc.removeDomain)
  @HttpCode(204)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({ summary: 'Remove a domain (or drop a pending one); 409 for the primary domain and for a domain users still have in their usernames' })
  @ApiNoContentResponse({ description: 'The domain was removed' })
  @ApiConflictResponse({ description: 'The primary domain, or a domain users still have in their usernames' })
  async remove(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string, @Param('domain') domain: string): Promise<void> {
    await this.rpc.call(OrganizationRpc.removeDomain, { actor, organizationId, domain: domain.slice(0, 300) });
  }
}
