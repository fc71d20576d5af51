import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductRpc, type ActorDto, type Page, type ProductView, ResellerRpc } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { AmountsInResellerCurrency } from '../money/reseller-currency.interceptor';
import { ListQuery } from '../shared/list.query';
import { ChangeProductBody, CreateProductBody } from './catalog.bodies';
import { ProductListResponse, ProductResponse } from './catalog.responses';
import { Answers } from '../openapi/answers.decorator';

const idPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** The reseller's catalog (api-v1.md, Catalog and e-store): its admins only; another reseller's product answers 404. */
@ApiTags('catalog')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Only reseller admins manage their catalog' })
@Roles('reseller_admin')
@Controller('catalog/products')
export class CatalogProductsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Answers(ProductRpc.create, ResellerRpc.currency)
  @AmountsInResellerCurrency()
  @ApiOperation({ summary: 'Add a product to your catalog (price and cost in your currency)' })
  @ApiCreatedResponse({ type: ProductResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields' })
  @ApiConflictResponse({ description: 'Another product of your catalog has this SKU (whatever its case)' })
  create(@CurrentActor() actor: ActorDto, @Body() body: CreateProductBody): Promise<ProductView> {
    return this.rpc.call(ProductRpc.create, { ...body, actor, productId: randomUUID() });
  }

  @Get()
  @Answers(ProductRpc.list)
  @ApiOperation({ summary: 'Your catalog with cost, by name (a read model: may lag a write by a moment)' })
  @ApiOkResponse({ type: ProductListResponse })
  list(@CurrentActor() actor: ActorDto, @Query() query: ListQuery): Promise<Page<ProductView>> {
    return this.rpc.call(ProductRpc.list, { actor, ...query });
  }

  @Get(':productId')
  @Answers(ProductRpc.get)
  @ApiOperation({ summary: 'One product of your catalog' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiNotFoundResponse({ description: 'No such product in your catalog' })
  get(@CurrentActor() actor: ActorDto, @Param('productId', idPipe) productId: string): Promise<ProductView> {
    return this.rpc.call(ProductRpc.get, { actor, productId });
  }

  @Patch(':productId')
  @Answers(ProductRpc.change, ResellerRpc.currency)
  @AmountsInResellerCurrency()
  @ApiOperation({ summary: 'Change some fields of a product' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiNotFoundResponse({ description: 'No such product in your catalog' })
  @ApiConflictResponse({ description: 'Another product has this SKU, or the product changed at the same moment' })
  change(@CurrentActor() actor: ActorDto, @Param('productId', idPipe) productId: string, @Body() body: ChangeProductBody): Promise<ProductView> {
    return this.rpc.call(ProductRpc.change, { ...body, actor, productId });
  }
}
