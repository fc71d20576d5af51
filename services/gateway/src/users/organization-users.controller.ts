import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  OrganizationUserRpc,
  type ActorDto,
  type OrganizationUserListItem,
  type OrganizationUserView,
  type Page,
  type UsersStatusChangeResults,
} from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ListQuery } from '../shared/list.query';
import { ChangeUserBody, CreateUserBody, SetPasswordBody, UserIdsBody } from './user.bodies';
import { UserListResponse, UserResponse, UserStatusResultsResponse } from './user.responses';
import { Answers } from '../openapi/answers.decorator';

const idPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/**
 * Users section of api-v1.md (the CSV import has its own controller). Roles are checked here and again in the
 * identity service, which also checks the tenant: another reseller's or organization's users answer 404.
 */
@ApiTags('users')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Your role may not do this' })
@ApiNotFoundResponse({ description: 'No such organization or user, or one of another tenant' })
@Controller('organizations/:orgId/users')
export class OrganizationUsersController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Answers(OrganizationUserRpc.create)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({ summary: "Create a user; the username's domain must be one of the organization's domains" })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields; `errors` lists every broken password rule at once' })
  @ApiConflictResponse({ description: 'The username is taken (usernames are unique on the whole platform, whatever their case)' })
  create(@CurrentActor() actor: ActorDto, @Param('orgId', idPipe) organizationId: string, @Body() body: CreateUserBody): Promise<OrganizationUserView> {
    return this.rpc.call(OrganizationUserRpc.create, { ...body, actor, organizationId, userId: randomUUID() });
  }

  @Get()
  @Answers(OrganizationUserRpc.list)
  @Roles('reseller_admin', 'org_admin', 'org_viewer')
  @ApiOperation({ summary: "The organization's users with their services count (a read model: may lag a write by a moment)" })
  @ApiOkResponse({ type: UserListResponse })
  list(@CurrentActor() actor: ActorDto, @Param('orgId', idPipe) organizationId: string, @Query() query: ListQuery): Promise<Page<OrganizationUserListItem>> {
    return this.rpc.call(OrganizationUserRpc.list, { actor, organizationId, ...query });
  }

  @Post('disable')
  @Answers(OrganizationUserRpc.disable)
  @HttpCode(200)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({ summary: 'Disable many users: they cannot log in, and their tokens stop working at once. Each id succeeds or fails on its own' })
  @ApiOkResponse({ type: UserStatusResultsResponse })
  disable(@CurrentActor() actor: ActorDto, @Param('orgId', idPipe) organizationId: string, @Body() body: UserIdsBody): Promise<UsersStatusChangeResults> {
    return this.rpc.call(OrganizationUserRpc.disable, { actor, organizationId, userIds: body.userIds });
  }

  @Post('enable')
  @Answers(OrganizationUserRpc.enable)
  @HttpCode(200)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({ summary: 'Enable many users. Each id succeeds or fails on its own' })
  @ApiOkResponse({ type: UserStatusResultsResponse })
  enable(@CurrentActor() actor: ActorDto, @Param('orgId', idPipe) organizationId: string, @Body() body: UserIdsBody): Promise<UsersStatusChangeResults> {
    return this.rpc.call(OrganizationUserRpc.enable, { actor, organizationId, userIds: body.userIds });
  }

  @Get(':userId')
  @Answers(OrganizationUserRpc.get)
  @Roles('reseller_admin', 'org_admin', 'org_viewer', 'org_billing_admin', 'org_user')
  @ApiOperation({ summary: 'One user (the admins and viewers of the organization, and the user themself)' })
  @ApiOkResponse({ type: UserResponse })
  get(@CurrentActor() actor: ActorDto, @Param('orgId', idPipe) organizationId: string, @Param('userId', idPipe) userId: string): Promise<OrganizationUserView> {
    return this.rpc.call(OrganizationUserRpc.get, { actor, organizationId, userId });
  }

  @Patch(':userId')
  @Answers(OrganizationUserRpc.change)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({ summary: "Change a user's names, contact e-mail, role (an organization role) or cost centre" })
  @ApiOkResponse({ type: UserResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields' })
  change(
    @CurrentActor() actor: ActorDto,
    @Param('orgId', idPipe) organizationId: string,
    @Param('userId', idPipe) userId: string,
    @Body() body: ChangeUserBody,
  ): Promise<OrganizationUserView> {
    return this.rpc.call(OrganizationUserRpc.change, { ...body, actor, organizationId, userId });
  }

  @Put(':userId/password')
  @Answers(OrganizationUserRpc.setPassword)
  @HttpCode(204)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({ summary: "Set a user's password" })
  @ApiNoContentResponse({ description: 'The password was set' })
  @ApiBadRequestResponse({ description: '`errors` lists every broken password rule at once' })
  async setPassword(
    @CurrentActor() actor: ActorDto,
    @Param('orgId', idPipe) organizationId: string,
    @Param('userId', idPipe) userId: string,
    @Body() body: SetPasswordBody,
  ): Promise<void> {
    await this.rpc.call(OrganizationUserRpc.setPassword, { actor, organizationId, userId, password: body.password });
  }

  @Delete(':userId')
  @Answers(OrganizationUserRpc.delete)
  @HttpCode(204)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({ summary: 'Delete a user: their tokens stop working at once, and the username is free again. Nobody may delete themselves (403)' })
  @ApiNoContentResponse({ description: 'The user was deleted' })
  async delete(@CurrentActor() actor: ActorDto, @Param('orgId', idPipe) organizationId: string, @Param('userId', idPipe) userId: string): Promise<void> {
    await this.rpc.call(OrganizationUserRpc.delete, { actor, organizationId, userId });
  }
}
