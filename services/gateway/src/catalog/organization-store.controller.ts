import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { StoreRpc, type ActorDto, ResellerRpc } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { withEntityTag } from '../shared/entity-tags/entity-tag';
import { ApiConditionalReplace, ApiVersionedRead, ExpectedVersions } from '../shared/entity-tags/entity-tag.decorators';
import { AmountsInResellerCurrency } from '../money/reseller-currency.interceptor';
import { CurateStoreBody } from './catalog.bodies';
import { StoreResponse } from './catalog.responses';
import { Answers } from '../openapi/answers.decorator';

const orgIdPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/**
 * The curated e-store of an organization. Never shows the cost. Its ETag changes with every curation and with every
 * change of a product in it (their names and catalog prices show here).
 */
@ApiTags('catalog')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Your role may not do this' })
@ApiNotFoundResponse({ description: 'No such organization, or one of another tenant' })
@Controller('organizations/:orgId/store')
export class OrganizationStoreController {
  constructor(private readonly rpc: RpcClient) {}

  @Put()
  @Answers(StoreRpc.curate, ResellerRpc.currency)
  @HttpCode(200)
  @Roles('reseller_admin')
  @AmountsInResellerCurrency()
  @ApiOperation({ summary: "Set the organization's store to these products of your catalog, each optionally at an organization price" })
  @ApiConditionalReplace(StoreResponse, 'STORE.VERSION_MISMATCH')
  @ApiBadRequestResponse({ description: 'A product that is not in your catalog, a product twice, or an invalid price' })
  async curate(
    @CurrentActor() actor: ActorDto,
    @Param('orgId', orgIdPipe) organizationId: string,
    @Body() body: CurateStoreBody,
    @ExpectedVersions() expectedVersions: string[] | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StoreResponse> {
    const store = await this.rpc.call(StoreRpc.curate, { actor, organizationId, products: body.products, expectedVersions });
    return withEntityTag(response, store);
  }

  @Get()
  @Answers(StoreRpc.get)
  @Roles('reseller_admin', 'org_admin', 'org_viewer', 'org_billing_admin', 'org_user')
  @ApiOperation({ summary: 'What the organization may order, at its prices (no cost)' })
  @ApiVersionedRead(StoreResponse)
  async get(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string, @Res({ passthrough: true }) response: Response): Promise<StoreResponse> {
    return withEntityTag(response, await this.rpc.call(StoreRpc.get, { actor, organizationId }));
  }
}
