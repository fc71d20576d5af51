import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StoreRpc, type ActorDto, type CurateStoreRequest, type GetStoreRequest, type StoreView } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { AmountsInResellerCurrency } from '../money/reseller-currency.interceptor';
import { CurateStoreBody } from './catalog.bodies';
import { StoreResponse } from './catalog.responses';

const orgIdPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** The curated e-store of an organization. Never shows the cost. */
@ApiTags('catalog')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Your role may not do this' })
@ApiNotFoundResponse({ description: 'No such organization, or one of another tenant' })
@Controller('organizations/:orgId/store')
export class OrganizationStoreController {
  constructor(private readonly rpc: RpcClient) {}

  @Put()
  @HttpCode(200)
  @Roles('reseller_admin')
  @AmountsInResellerCurrency()
  @ApiOperation({ summary: "Set the organization's store to these products of your catalog, each optionally at an organization price" })
  @ApiOkResponse({ type: StoreResponse })
  @ApiBadRequestResponse({ description: 'A product that is not in your catalog, a product twice, or an invalid price' })
  curate(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string, @Body() body: CurateStoreBody): Promise<StoreView> {
    return this.rpc.request<StoreView, CurateStoreRequest>(StoreRpc.curate, { actor, organizationId, products: body.products });
  }

  @Get()
  @Roles('reseller_admin', 'org_admin', 'org_viewer', 'org_billing_admin', 'org_user')
  @ApiOperation({ summary: 'What the organization may order, at its prices (no cost)' })
  @ApiOkResponse({ type: StoreResponse })
  get(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string): Promise<StoreView> {
    return this.rpc.request<StoreView, GetStoreRequest>(StoreRpc.get, { actor, organizationId });
  }
}
