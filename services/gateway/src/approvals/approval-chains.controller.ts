import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApprovalChainsRpc, ResellerRpc, type ActorDto } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { AmountsInResellerCurrency } from '../money/reseller-currency.interceptor';
import { Answers } from '../openapi/answers.decorator';
import { withEntityTag } from '../shared/entity-tags/entity-tag';
import { ApiConditionalReplace, ApiVersionedRead, ExpectedVersions } from '../shared/entity-tags/entity-tag.decorators';
import { SetApprovalChainsBody } from './approval-chains.bodies';
import { ApprovalChainsResponse } from './approval-chains.responses';

const orgIdPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/**
 * An organization's own approval chains: which of its admins and billing admins approve a request, in which order,
 * before the reseller's step (which stays last and follows the reseller's approval policy as before).
 */
@ApiTags('approvals')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Your role may not do this: the organization admins set the chains' })
@ApiNotFoundResponse({ description: 'No such organization, or one of another tenant' })
@Controller('organizations/:orgId/approval-chains')
export class ApprovalChainsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Answers(ApprovalChainsRpc.get)
  @Roles('reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer')
  @ApiOperation({ summary: "The organization's approval chains" })
  @ApiVersionedRead(ApprovalChainsResponse)
  async get(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string, @Res({ passthrough: true }) response: Response): Promise<ApprovalChainsResponse> {
    return withEntityTag(response, await this.rpc.call(ApprovalChainsRpc.get, { actor, organizationId }));
  }

  @Put()
  @Answers(ApprovalChainsRpc.set, ResellerRpc.currency)
  @HttpCode(200)
  @Roles('org_admin')
  @AmountsInResellerCurrency()
  @ApiOperation({ summary: "Set the organization's approval chains: rules, each with its steps of approvers; in force for the very next request" })
  @ApiConditionalReplace(ApprovalChainsResponse, 'APPROVAL_CHAINS.VERSION_MISMATCH')
  @ApiBadRequestResponse({ description: 'Every broken field named: an approver who is not an active org admin or billing admin of the organization, a user twice in a step, a rule after one that always applies, ...' })
  async set(
    @CurrentActor() actor: ActorDto,
    @Param('orgId', orgIdPipe) organizationId: string,
    @Body() body: SetApprovalChainsBody,
    @ExpectedVersions() expectedVersions: string[] | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ApprovalChainsResponse> {
    return withEntityTag(response, await this.rpc.call(ApprovalChainsRpc.set, { actor, organizationId, rules: body.rules, escalation: body.escalation ?? null, expectedVersions }));
  }

  @Delete()
  @Answers(ApprovalChainsRpc.clear)
  @HttpCode(200)
  @Roles('org_admin')
  @ApiOperation({ summary: "Remove the organization's approval chains: requests go straight to the reseller's step again" })
  @ApiConditionalReplace(ApprovalChainsResponse, 'APPROVAL_CHAINS.VERSION_MISMATCH')
  async clear(
    @CurrentActor() actor: ActorDto,
    @Param('orgId', orgIdPipe) organizationId: string,
    @ExpectedVersions() expectedVersions: string[] | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ApprovalChainsResponse> {
    return withEntityTag(response, await this.rpc.call(ApprovalChainsRpc.clear, { actor, organizationId, expectedVersions }));
  }
}
