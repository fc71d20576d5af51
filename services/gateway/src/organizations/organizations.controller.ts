import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  amountIn,
  ApprovalPolicyRpc,
  DEFAULT_APPROVAL_POLICY,
  isSupportReader,
  OrganizationRpc,
  type ActorDto,
  type ChangeOrganizationRequest,
  type OrganizationView,
  type Role,
  ResellerRpc,
} from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ResellerCurrencies } from '../money/reseller-currencies';
import { ListQuery } from '../shared/list.query';
import { ChangeOrganizationBody, CreateOrganizationBody } from './organization.bodies';
import { OrganizationListResponse, OrganizationResponse, type OrganizationListItemResponse } from './organization.responses';
import { composeSettings } from './organization-settings.client';
import { Answers } from '../openapi/answers.decorator';

export const ORGANIZATION_ROLES_ALL: Role[] = ['reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer', 'org_user'];
export const SETTINGS_READERS: Role[] = ['reseller_admin', 'org_admin', 'org_viewer'];
const orgIdPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** The organization as the API shows it; `settings` only for the roles that may read settings. */
function toResponse(view: OrganizationView, settings?: OrganizationResponse['settings']): OrganizationResponse {
  const { id, resellerId, name, primaryDomain, domains, notificationEmail, createdAt } = view;
  return { id, resellerId, name, primaryDomain, domains, notificationEmail, createdAt, ...(settings ? { settings } : {}) };
}

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly currencies: ResellerCurrencies,
  ) {}

  @Post()
  @Answers(OrganizationRpc.create, ResellerRpc.currency)
  @Roles('reseller_admin')
  @ApiOperation({ summary: "Create an organization of the caller's reseller; 409 when its primary domain is taken" })
  @ApiCreatedResponse({ type: OrganizationResponse })
  @ApiConflictResponse({ description: 'Another organization has the primary domain' })
  async create(@CurrentActor() actor: ActorDto, @Body() body: CreateOrganizationBody): Promise<OrganizationResponse> {
    // Asked first, so the answer cannot fail once the organization exists.
    const currency = await this.currencies.of(actor);
    const view = await this.rpc.call(OrganizationRpc.create, { ...body, actor, organizationId: randomUUID() });
    // A new organization's approval policy has never been set: the defaults are in force, the limit in the reseller's currency.
    const { approvalRequired, dynamicApproval } = DEFAULT_APPROVAL_POLICY;
    const annualLimit = amountIn(dynamicApproval.annualLimit, currency);
    return toResponse(view, composeSettings(view, { approvalRequired, dynamicApproval: { enabled: dynamicApproval.enabled, annualLimit } }));
  }

  @Get()
  @Answers(OrganizationRpc.list)
  @Roles('reseller_admin')
  @ApiOperation({ summary: "The caller's organizations with their users count (a read model: may lag a write by a moment)" })
  @ApiOkResponse({ type: OrganizationListResponse })
  async list(@CurrentActor() actor: ActorDto, @Query() query: ListQuery): Promise<{ items: OrganizationListItemResponse[]; nextCursor: string | null }> {
    const page = await this.rpc.call(OrganizationRpc.list, { actor, ...query });
    return { items: page.items.map((item) => ({ ...toResponse(item), usersCount: item.usersCount })), nextCursor: page.nextCursor };
  }

  @Get(':orgId')
  @Answers(OrganizationRpc.get, ApprovalPolicyRpc.get)
  @Roles(...ORGANIZATION_ROLES_ALL)
  @ApiOperation({ summary: 'One organization' })
  @ApiOkResponse({ type: OrganizationResponse })
  async get(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string): Promise<OrganizationResponse> {
    const organization = this.rpc.call(OrganizationRpc.get, { actor, organizationId });
    if (!SETTINGS_READERS.includes(actor.role) && !isSupportReader(actor)) return toResponse(await organization);
    const [view, policy] = await Promise.all([
      organization,
      this.rpc.call(ApprovalPolicyRpc.get, { actor, organizationId }),
    ]);
    return toResponse(view, composeSettings(view, policy));
  }

  @Patch(':orgId')
  @Answers(OrganizationRpc.change)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({ summary: "Change the organization's name or notification e-mail" })
  @ApiOkResponse({ type: OrganizationResponse })
  async change(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string, @Body() body: ChangeOrganizationBody): Promise<OrganizationResponse> {
    const request: ChangeOrganizationRequest = { actor, organizationId };
    if (body.name !== undefined) request.name = body.name;
    if (body.notificationEmail !== undefined) request.notificationEmail = body.notificationEmail;
    const view = await this.rpc.call(OrganizationRpc.change, request);
    return toResponse(view);
  }
}
