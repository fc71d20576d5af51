import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ResellerRpc,
  UserRpc,
  type ActorDto,
  type CreateUserRequest,
  type Page,
  type ResellerView,
} from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ListQuery } from '../shared/list.query';
import { CreateResellerBody } from './reseller.bodies';
import { CreatedResellerResponse, ResellerListResponse, ResellerResponse } from './reseller.responses';
import { Answers } from '../openapi/answers.decorator';

@ApiTags('resellers')
@ApiBearerAuth()
@Controller('resellers')
export class ResellersController {
  constructor(private readonly rpc: RpcClient) {}

  /**
   * A reseller and its first admin live in two services. The admin is checked first (username free, password
   * policy), so a request that would fail on the admin creates no reseller.
   */
  @Post()
  @Answers(ResellerRpc.create, UserRpc.checkNew, UserRpc.create)
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Create a reseller with its first reseller admin' })
  @ApiCreatedResponse({ type: CreatedResellerResponse })
  @ApiBadRequestResponse({ description: "Invalid fields; `errors` lists every broken rule of the admin's password at once" })
  @ApiConflictResponse({ description: "The admin's username is taken" })
  async create(@CurrentActor() actor: ActorDto, @Body() body: CreateResellerBody): Promise<ResellerView & { admin: { id: string; username: string } }> {
    const { admin, ...fields } = body;
    const resellerId = randomUUID();
    const newAdmin: CreateUserRequest = { ...admin, actor, userId: randomUUID(), role: 'reseller_admin', resellerId, organizationId: null };
    await this.rpc.call(UserRpc.checkNew, newAdmin);
    const reseller = await this.rpc.call(ResellerRpc.create, { ...fields, actor, resellerId });
    const user = await this.rpc.call(UserRpc.create, newAdmin);
    return { ...reseller, admin: { id: user.id, username: user.username } };
  }

  @Get()
  @Answers(ResellerRpc.list)
  @Roles('platform_admin')
  @ApiOperation({ summary: 'All resellers (a read model: may lag a write by a moment)' })
  @ApiOkResponse({ type: ResellerListResponse })
  list(@CurrentActor() actor: ActorDto, @Query() query: ListQuery): Promise<Page<ResellerView>> {
    return this.rpc.call(ResellerRpc.list, { actor, ...query });
  }

  @Get(':resellerId')
  @Answers(ResellerRpc.get)
  @Roles('platform_admin', 'reseller_admin')
  @ApiOperation({ summary: 'One reseller' })
  @ApiOkResponse({ type: ResellerResponse })
  get(@CurrentActor() actor: ActorDto, @Param('resellerId', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) resellerId: string): Promise<ResellerView> {
    return this.rpc.call(ResellerRpc.get, { actor, resellerId });
  }
}
